import { launchService } from '@media-monitor/service-runtime';
import { sentimentService } from './sentiment.service.js';

await launchService(sentimentService);
