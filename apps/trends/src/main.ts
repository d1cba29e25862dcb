import { launchService } from '@media-monitor/service-runtime';
import { trendsService } from './trends.service.js';

await launchService(trendsService);
