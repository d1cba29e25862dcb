import { launchService } from '@media-monitor/service-runtime';
import { entityService } from './entity.service.js';

await launchService(entityService);
