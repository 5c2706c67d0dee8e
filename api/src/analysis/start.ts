// Starts the call-analysis worker in the API process when configured (ANALYSIS_WORKER), with
// the analyser ANALYSIS_PROVIDER names and transcripts read from the recording store.
import type { Redis } from 'ioredis';
import type { Config } from '../../../common/config.js';
import type { Logger } from '../../../common/logger.js';
import type { Warehouse } from '../../../warehouse/src/warehouse.js';
import { createRecordingStorage } from '../recordings/storage.js';
import type { Analyser } from './analyser.js';
import { startAnalysisWorker, type AnalysisWorkerHandle } from './analysis-worker.js';
import { HttpAnalyser } from './http-analyser.js';
import { LexiconAnalyser } from './lexicon-analyser.js';
import { AnalysisRulesStore } from './rules-store.js';
import { StorageTranscriptSource, type TranscriptSource } from './transcript-source.js';

export function createAnalyser(config: Config): Analyser {
  if (config.analysisProvider === 'offline') return new LexiconAnalyser();
  return new HttpAnalyser({
    url: config.analysisHttpUrl, apiKey: config.analysisHttpApiKey, timeoutMs: config.analysisHttpTimeoutMs,
    retries: config.analysisHttpRetries, backoffBaseMs: 500, backoffMaxMs: 30_000, maxRetryAfterMs: 60_000,
  });
}

export function shouldRunAnalysisWorker(config: Config, runsWriters: boolean): boolean {
  return config.analysisWorker === 'auto' ? runsWriters : config.analysisWorker === 'true';
}

export function startAnalysis(
  config: Config,
  io: { redis: Redis; warehouse: Warehouse; log: Logger; writer: string; entityStream?: string },
  opts: { analyser?: Analyser; transcripts?: TranscriptSource; queuePrefix?: string } = {},
): AnalysisWorkerHandle {
  const log = io.log.child({ stage: 'analysis' });
  return startAnalysisWorker(config.redisUrl, config.analysisConcurrency, {
    redis: io.redis, warehouse: io.warehouse, log, writer: io.writer, language: config.analysisLanguage,
    ...(io.entityStream ? { entityStream: io.entityStream } : {}),
    analyser: opts.analyser ?? createAnalyser(config),
    transcripts: opts.transcripts ?? new StorageTranscriptSource(io.redis, createRecordingStorage(config)),
    rules: new AnalysisRulesStore(io.redis),
  }, opts.queuePrefix);
}
