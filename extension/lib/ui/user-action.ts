/**
 * Sightline's buttons sit on LinkedIn, X and YouTube pages, whose own scripts can reach
 * into an open shadow root and call `.click()` on them. A button that acts for the user
 * (track, claim an account, save, mark published) acts only on a click the browser reports
 * as the user's own: `isTrusted` is false for every event a script dispatches.
 */
export function byUser<E extends Event>(act: (e: E) => void): (e: E) => void {
  return (e) => {
    if (e.isTrusted !== true) return;
    act(e);
  };
}
