import { launchService } from '@media-monitor/service-runtime';
import { gatewayService } from './gateway.service.js';

await launchService(gatewayService);
