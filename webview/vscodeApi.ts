// The webview's one handle on its host: typed postMessage plus the state VS Code keeps for the panel.

import type { WebviewToHostMessage } from './protocol.js';

export interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const host: VsCodeApi = acquireVsCodeApi();
