// The syntax tree of a `.kafka` file: PRODUCER and CONSUMER blocks with their properties and
// values, positioned by line and column so every service can point at what it talks about.

/** A stretch of one line: [start, end) columns. */
export interface LineSpan {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export type BlockKind = 'producer' | 'consumer';

export interface PropertyNode {
  /** As written, trimmed; may be misspelt. */
  readonly name: string;
  readonly nameSpan: LineSpan;
  /** Trimmed text after the colon. */
  readonly value: string;
  /** Where the value is (an empty span just after the colon when there is no value). */
  readonly valueSpan: LineSpan;
}

/** The record value of a PRODUCER block: every line from its first line up to the block's end. */
export interface ValueNode {
  readonly text: string;
  readonly startLine: number;
  /** Inclusive; trailing blank lines are not part of the value. */
  readonly endLine: number;
}

/** A line inside a CONSUMER block (or before a producer value) that is neither a property nor a comment. */
export interface MalformedLine {
  readonly span: LineSpan;
  readonly text: string;
}

export interface BlockNode {
  readonly kind: BlockKind;
  /** The line with PRODUCER or CONSUMER. */
  readonly headerLine: number;
  /** Last line that belongs to the block (inclusive), not counting the `###` separator. */
  readonly endLine: number;
  /** Last line before the next separator or header (inclusive): where typing still belongs to this block. */
  readonly extentEndLine: number;
  /** PRODUCER's label or CONSUMER's group id, trimmed; empty when absent. */
  readonly name: string;
  readonly nameSpan: LineSpan;
  readonly properties: readonly PropertyNode[];
  /** PRODUCER only. */
  readonly value: ValueNode | undefined;
  readonly malformed: readonly MalformedLine[];
}

/** Non-comment text outside any block, one entry per run of consecutive lines. */
export interface StrayText {
  readonly startLine: number;
  readonly endLine: number;
}

export interface KafkaFile {
  readonly blocks: readonly BlockNode[];
  readonly stray: readonly StrayText[];
  readonly lineCount: number;
}

export function propertyOf(block: BlockNode, name: string): PropertyNode | undefined {
  return block.properties.find((property) => property.name === name);
}
