import badgeCss from './badge.css?inline';
import overlayCss from './overlay.css?inline';

/**
 * The overlays' styles, inlined in the content script: WXT's cssInjectionMode 'ui' fetches
 * the entrypoint's CSS file for every shadow root it creates, which delayed each mount by a
 * round trip (one per post badge). Passed as `css` to createShadowRootUi.
 */
export const overlayStyles = `${badgeCss}\n${overlayCss}`;
