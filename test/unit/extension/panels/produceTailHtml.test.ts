import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { produceTailHtml } from '../../../../extension/panels/produceTailHtml.js';

describe('produceTailHtml', () => {
  const html = produceTailHtml({
    topic: 'orders',
    cspSource: 'vscode-resource:',
    scriptUri: 'vscode-resource:/dist/webview.js',
    styleUri: 'vscode-resource:/dist/webview.css',
    nonce: 'abc123',
  });

  it('allows only the nonce-carrying script and webview resources', () => {
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(html, /<script nonce="abc123" src="vscode-resource:\/dist\/webview.js"><\/script>/);
    assert.equal(html.match(/<script/g)?.length, 1);
  });

  it('escapes the topic name', () => {
    const hostile = produceTailHtml({ topic: '<img src=x>"', cspSource: 's', scriptUri: 'u', styleUri: 'c', nonce: 'n' });
    assert.ok(!hostile.includes('<img'));
    assert.match(hostile, /&lt;img src=x&gt;&quot;/);
  });
});
