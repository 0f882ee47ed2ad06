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

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
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
    this.listeners.clear();
  }
}
