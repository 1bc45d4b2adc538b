// The extension's entry point: VS Code calls activate() once per window; everything is built and
// owned by the Workbench composition root.

import type * as vscode from 'vscode';
import { Workbench } from './workbench.js';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(new Workbench(context));
}

export function deactivate(): void {
  // The Workbench is disposed through context.subscriptions; the cluster keeps running for other windows.
}
