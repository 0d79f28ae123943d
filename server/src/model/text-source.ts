// What the model builder reads files through: the open editor buffer when there is one, else the
// disk (the engine provides it; the model does no I/O of its own).
export interface TextSource {
  /** The text, or undefined when the file is missing, unreadable, binary or too large (with a reason logged). */
  read(absPath: string): string | undefined;
  exists(absPath: string): boolean;
}
