// Keeps at most one Produce & Tail panel per topic: opening a topic again reveals its panel.

import type * as vscode from 'vscode';
import type { ClusterSession } from '../cluster/clusterSession.js';
import { ProduceTailPanel } from './produceTailPanel.js';

export class ProduceTailPanels implements vscode.Disposable {
  private readonly open = new Map<string, ProduceTailPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
    /** Called after a record was produced from any panel (the Topics view's offsets changed). */
    private readonly onProduced: () => void,
  ) {}

  /** Opens (or reveals) the topic's panel and returns it. */
  show(topic: string): ProduceTailPanel {
    const existing = this.open.get(topic);
    if (existing !== undefined) {
      existing.reveal();
      return existing;
    }
    const panel = ProduceTailPanel.open(this.extensionUri, topic, this.session, this.log, this.onProduced);
    this.open.set(topic, panel);
    panel.onDidClose(() => {
      if (this.open.get(topic) === panel) {
        this.open.delete(topic);
      }
    });
    return panel;
  }

  dispose(): void {
    for (const panel of [...this.open.values()]) {
      panel.dispose();
    }
    this.open.clear();
  }
}
