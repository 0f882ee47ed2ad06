/** A minimal typed event emitter with VS Code's `onDidX(listener) -> { dispose }` shape, usable outside the host. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

/** Where a listener's failure goes; the extension points it at its log. */
let reportListenerError: (error: unknown) => void = (error) => console.error(error);

export function onListenerError(report: (error: unknown) => void): void {
  reportListenerError = report;
}

/** Listeners subscribed to any emitter and not yet disposed: the test API reports it, to show sign-outs leave none behind. */
let liveListeners = 0;

export function liveListenerCount(): number {
  return liveListeners;
}

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Disposable => {
    // A function subscribed twice is one listener, as the Set holds it once.
    if (!this.listeners.has(listener)) liveListeners++;
    this.listeners.add(listener);
    return {
      dispose: () => {
        if (this.listeners.delete(listener)) liveListeners--;
      },
    };
  };

  /**
   * Every listener hears the event even when one throws, and the firer never does: one view
   * failing to redraw must not fail the load or the close that changed the store.
   */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  dispose(): void {
    liveListeners -= this.listeners.size;
    this.listeners.clear();
  }
}
