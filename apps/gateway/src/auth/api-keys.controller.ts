import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import {
  API_SCOPES,
  ApiKeyGuard,
  ApiKeyService,
  RequireScope,
  type ApiKeySummary,
  type ApiScope,
} from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';

export const CreateApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_SCOPES as [ApiScope, ...ApiScope[]])).min(1),
});

/** API key management (admin scope). The key itself is returned once, at creation. */
@Controller('v1/api-keys')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown): Promise<{ key: ApiKeySummary; token: string }> {
    const { name, scopes } = parseOrThrow(CreateApiKeySchema, body ?? {}, 'gateway.invalid_body');
    return this.keys.create(name, scopes);
  }

  @Get()
  async list(): Promise<{ keys: ApiKeySummary[] }> {
    return { keys: await this.keys.list() };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!(await this.keys.revoke(id))) {
      throw new NotFoundException({ error: { code: 'auth.key_not_found', message: `no active key "${id}"` } });
    }
  }
}
