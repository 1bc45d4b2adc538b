// Entry point of the `.kafka` language server process (bundled to dist/languageServer.js); the
// extension starts it over Node IPC through vscode-languageclient.

import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startKafkaLanguageServer } from './kafkaLanguageServer.js';

startKafkaLanguageServer(createConnection(ProposedFeatures.all));
