import { Module } from '@nestjs/common';
import { TrendsController } from './trends/trends.controller.js';

@Module({ controllers: [TrendsController] })
export class GatewayModule {}
