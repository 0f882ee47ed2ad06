/** The part of markdown-it the tests use (it ships no types). */
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: object);
    render(source: string): string;
  }
}
