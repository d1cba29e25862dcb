import { launchService } from '@media-monitor/service-runtime';
import { alertService } from './alert.service.js';

await launchService(alertService);
