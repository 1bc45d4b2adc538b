// Finds where JSON text first goes wrong, as an offset and a reason. JSON.parse in Node 20 often
// does not say where; a diagnostic must. Iterative, so deeply nested input cannot overflow the stack.

export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings; matching them is the point.
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

type Expect = 'value' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end-object' | 'value-or-end' | 'comma-or-end-array';

/** Undefined when the text is one valid JSON value. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let index = 0;
  const fail = (message: string): JsonSyntaxError => ({ offset: Math.min(index, text.length), message });
  const afterValue = (): Expect | 'done' => {
    const top = stack.at(-1);
    return top === undefined ? 'done' : top === '{' ? 'comma-or-end-object' : 'comma-or-end-array';
  };
  for (;;) {
    while (index < text.length && WHITESPACE.has(text[index])) {
      index++;
    }
    if (index >= text.length) {
      return fail(stack.length === 0 && expect === 'value' ? 'Expected a JSON value.' : 'Unexpected end of JSON.');
    }
    const char = text[index];
    let next: Expect | 'done' = 'done';
    switch (expect) {
      case 'value':
      case 'value-or-end':
        if (expect === 'value-or-end' && char === ']') {
          stack.pop();
          index++;
          next = afterValue();
          break;
        }
        if (char === '{') {
          stack.push('{');
          index++;
          next = 'key-or-end';
        } else if (char === '[') {
          stack.push('[');
          index++;
          next = 'value-or-end';
        } else if (char === '"') {
          STRING_BODY.lastIndex = index + 1;
          if (!STRING_BODY.test(text)) {
            return fail('Unterminated or invalid string.');
          }
          index = STRING_BODY.lastIndex;
          next = afterValue();
        } else if (text.startsWith('true', index) || text.startsWith('null', index)) {
          index += 4;
          next = afterValue();
        } else if (text.startsWith('false', index)) {
          index += 5;
          next = afterValue();
        } else {
          NUMBER.lastIndex = index;
          const match = NUMBER.exec(text);
          if (match === null) {
            return fail(`Unexpected "${char}": expected a value.`);
          }
          index += match[0].length;
          next = afterValue();
        }
        break;
      case 'key-or-end':
      case 'key':
        if (expect === 'key-or-end' && char === '}') {
          stack.pop();
          index++;
          next = afterValue();
          break;
        }
        if (char !== '"') {
          return fail(`Unexpected "${char}": expected a property name in double quotes.`);
        }
        STRING_BODY.lastIndex = index + 1;
        if (!STRING_BODY.test(text)) {
          return fail('Unterminated or invalid string.');
        }
        index = STRING_BODY.lastIndex;
        next = 'colon';
        break;
      case 'colon':
        if (char !== ':') {
          return fail(`Unexpected "${char}": expected ":".`);
        }
        index++;
        next = 'value';
        break;
      case 'comma-or-end-object':
        if (char === ',') {
          index++;
          next = 'key';
        } else if (char === '}') {
          stack.pop();
          index++;
          next = afterValue();
        } else {
          return fail(`Unexpected "${char}": expected "," or "}".`);
        }
        break;
      case 'comma-or-end-array':
        if (char === ',') {
          index++;
          next = 'value';
        } else if (char === ']') {
          stack.pop();
          index++;
          next = afterValue();
        } else {
          return fail(`Unexpected "${char}": expected "," or "]".`);
        }
        break;
    }
    if (next === 'done') {
      while (index < text.length && WHITESPACE.has(text[index])) {
        index++;
      }
      return index < text.length ? fail(`Unexpected "${text[index]}" after the JSON value.`) : undefined;
    }
    expect = next;
  }
}
