import { Window } from 'happy-dom';

/**
 * A Document for saved HTML at `url`, inert: no JavaScript, no CSS/JS/iframe loading, no
 * navigation. Returns the document and a close function that frees the window.
 */
export function loadDocument(html: string, url: string): { document: Document; close: () => Promise<void> } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
    },
  });
  const document = window.document;
  document.write(html);
  return { document: document as unknown as Document, close: () => window.happyDOM.close() };
}
