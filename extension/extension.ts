// The extension's entry point: VS Code calls activate() once per window; everything is built and
// owned by the Workbench composition root.

import type * as vscode from 'vscode';
import { Workbench } from './workbench.js';

export function activate(context: vscode.ExtensionContext): void {
  // Logged so that the bench can read, in a real VS Code, how long activation holds up the window.
  const activationStartedAt = performance.now();
  const workbench = new Workbench(context, activationStartedAt);
  context.subscriptions.push(workbench);
  workbench.logActivationTime(performance.now() - activationStartedAt);
}

export function deactivate(): void {
  // The Workbench is disposed through context.subscriptions; the cluster keeps running for other windows.
}
