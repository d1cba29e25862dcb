import { launchService } from '@media-monitor/service-runtime';
import { ingestService } from './ingest.service.js';

await launchService(ingestService);
