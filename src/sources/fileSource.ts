import { parseEventFile } from '../files/eventFileParser';
import { normalizeEvent, PtaEvent } from '../model/ptaEvent';
import { EventStore } from '../store/eventStore';
import { Emitter } from '../util/emitter';
import type { EventSource, SourceCapabilities, SourceState } from './eventSource';

/** What the file source needs of a location: vscode.Uri has both. */
export interface FileLocation {
  /** The decoded path; its last segment names the source. */
  readonly path: string;
  toString(): string;
}

export type ReadBytes<L extends FileLocation> = (location: L) => Promise<Uint8Array>;

export interface FileSourceOptions<L extends FileLocation> {
  readonly location: L;
  /** The extension passes `(uri) => vscode.workspace.fs.readFile(uri)`. */
  readonly read: ReadBytes<L>;
  readonly maxBytes?: number;
  readonly now?: () => number;
}

export type FileLoadResult =
  | { readonly ok: true; readonly loaded: number; readonly skipped: number }
  /** `superseded`: a later load started before this one ended; that one tells. */
  | { readonly ok: false; readonly error: string; readonly superseded?: true };

const SUPERSEDED: FileLoadResult = { ok: false, error: 'superseded by a later load', superseded: true };

const FILE_CAPABILITIES: SourceCapabilities = { triage: false, refresh: true, openInPvwa: false };

/**
 * A saved document of events, shown like a vault but read-only and available while signed out.
 * Every load reads the document again; a failed reload keeps the last good list, marked stale.
 */
export class FileSource<L extends FileLocation = FileLocation> implements EventSource {
  readonly kind = 'file' as const;
  readonly isPlaceholder = false;
  readonly id: string;
  readonly label: string;
  readonly location: L;
  readonly store = new EventStore();
  readonly capabilities = FILE_CAPABILITIES;
  private currentState: SourceState = { kind: 'loading' };
  private lastGoodAt: number | undefined;
  private loadGeneration = 0;
  private readonly stateEmitter = new Emitter<SourceState>();
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(private readonly options: FileSourceOptions<L>) {
    this.location = options.location;
    this.id = fileSourceId(options.location);
    this.label = fileName(options.location.path) || options.location.toString();
  }

  get state(): SourceState {
    return this.currentState;
  }

  /** Reads the document (or takes `text`, an editor's unsaved content), parses and replaces the list. Never throws. */
  async load(text?: string): Promise<FileLoadResult> {
    const generation = ++this.loadGeneration;
    this.setState({ kind: 'loading' });
    let events: PtaEvent[];
    let skipped = 0;
    try {
      const input = text ?? (await this.readBytes());
      const parsed = parseEventFile(input, { maxBytes: this.options.maxBytes });
      events = [];
      for (const raw of parsed.events) {
        const event = normalizeEvent(raw);
        if (event) events.push(event);
        else skipped++;
      }
    } catch (error) {
      if (generation !== this.loadGeneration) return SUPERSEDED;
      const message = error instanceof Error ? error.message : String(error);
      this.setState(this.lastGoodAt === undefined ? { kind: 'failed', error: message } : { kind: 'stale', asOf: this.lastGoodAt, error: message });
      return { ok: false, error: message };
    }
    if (generation !== this.loadGeneration) return SUPERSEDED;
    this.store.replaceAll(events);
    this.lastGoodAt = (this.options.now ?? Date.now)();
    this.setState({ kind: 'loaded', asOf: this.lastGoodAt });
    return { ok: true, loaded: events.length, skipped };
  }

  dispose(): void {
    this.stateEmitter.dispose();
  }

  private async readBytes(): Promise<Uint8Array> {
    try {
      return await this.options.read(this.location);
    } catch (error) {
      throw new Error(`${this.label} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private setState(state: SourceState): void {
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}

/** The id a file source opened from `location` has, to find it again. */
export function fileSourceId(location: FileLocation): string {
  return `${FILE_ID_PREFIX}${location.toString()}`;
}

export function isFileSourceId(sourceId: string): boolean {
  return sourceId.startsWith(FILE_ID_PREFIX);
}

const FILE_ID_PREFIX = 'file:';

function fileName(path: string): string {
  const segments = path.split('/').filter(Boolean);
  return segments[segments.length - 1] ?? '';
}
