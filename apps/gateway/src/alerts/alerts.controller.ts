import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  AlertDeliveriesQueryV1,
  AlertDestinationInputV1,
  AlertDestinationsDeleteQueryV1,
  AlertDestinationsListQueryV1,
  AlertDestinationsUpsertQueryV1,
  AlertListQueryV1,
  AlertRuleV1,
  AlertRulesDeleteQueryV1,
  AlertRulesListQueryV1,
  AlertRulesUpsertQueryV1,
  AlertTestSendQueryV1,
  type QueryContract,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { QueryClient } from '@media-monitor/messaging';
import { ApiKeyGuard, RequireScope } from '@media-monitor/service-runtime';
import { parseOrThrow } from '../http/validation.js';
import {
  AlertIdSchema,
  AlertListQueryFields,
  AlertRuleListQueryFields,
  SlugSchema,
  withPathId,
} from './alert-request.schema.js';

/** A test send waits for one delivery attempt (the alert service allows it 10 s by default). */
const TEST_SEND_TIMEOUT_MS = 15_000;

/** Alerts, alert rules and destinations, owned by the alert service and reached over NATS request-reply. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class AlertsController {
  constructor(private readonly queries: QueryClient) {}

  /** Recent alerts, newest first, with the state of their deliveries. */
  @Get('alerts')
  alerts(@Query() query: unknown): Promise<QueryResponseOf<typeof AlertListQueryV1>> {
    return this.ask(AlertListQueryV1, parseOrThrow(AlertListQueryFields, query ?? {}, 'gateway.invalid_query'));
  }

  /** Every delivery of one alert with its attempt log. */
  @Get('alerts/:alertId/deliveries')
  deliveries(@Param('alertId') alertId: string): Promise<QueryResponseOf<typeof AlertDeliveriesQueryV1>> {
    return this.ask(AlertDeliveriesQueryV1, {
      alertId: parseOrThrow(AlertIdSchema, alertId, 'gateway.invalid_alert_id'),
    });
  }

  @Get('alert-rules')
  rules(@Query() query: unknown): Promise<QueryResponseOf<typeof AlertRulesListQueryV1>> {
    return this.ask(
      AlertRulesListQueryV1,
      parseOrThrow(AlertRuleListQueryFields, query ?? {}, 'gateway.invalid_query'),
    );
  }

  /** Creates or replaces a rule; the id comes from the path. */
  @Put('alert-rules/:ruleId')
  @RequireScope('admin')
  saveRule(
    @Param('ruleId') ruleId: string,
    @Body() body: unknown,
  ): Promise<QueryResponseOf<typeof AlertRulesUpsertQueryV1>> {
    const id = parseOrThrow(SlugSchema, ruleId, 'gateway.invalid_rule_id');
    const rule = parseOrThrow(AlertRuleV1, withPathId(body, 'ruleId', id), 'gateway.invalid_body');
    return this.ask(AlertRulesUpsertQueryV1, { rule });
  }

  @Delete('alert-rules/:ruleId')
  @RequireScope('admin')
  @HttpCode(204)
  async deleteRule(@Param('ruleId') ruleId: string): Promise<void> {
    const id = parseOrThrow(SlugSchema, ruleId, 'gateway.invalid_rule_id');
    const { deleted } = await this.ask(AlertRulesDeleteQueryV1, { ruleId: id });
    if (!deleted) throw notFound('alert.rule.not_found', `no alert rule "${id}"`);
  }

  /** Destinations with their state (URLs masked: they are credentials). */
  @Get('alert-destinations')
  @RequireScope('admin')
  destinations(): Promise<QueryResponseOf<typeof AlertDestinationsListQueryV1>> {
    return this.ask(AlertDestinationsListQueryV1, {});
  }

  /** Creates or replaces a destination; saving a broken destination makes it active again. */
  @Put('alert-destinations/:destinationId')
  @RequireScope('admin')
  saveDestination(
    @Param('destinationId') destinationId: string,
    @Body() body: unknown,
  ): Promise<QueryResponseOf<typeof AlertDestinationsUpsertQueryV1>> {
    const id = parseOrThrow(SlugSchema, destinationId, 'gateway.invalid_destination_id');
    const destination = parseOrThrow(
      AlertDestinationInputV1,
      withPathId(body, 'destinationId', id),
      'gateway.invalid_body',
    );
    return this.ask(AlertDestinationsUpsertQueryV1, { destination });
  }

  @Delete('alert-destinations/:destinationId')
  @RequireScope('admin')
  @HttpCode(204)
  async deleteDestination(@Param('destinationId') destinationId: string): Promise<void> {
    const id = parseOrThrow(SlugSchema, destinationId, 'gateway.invalid_destination_id');
    const { deleted } = await this.ask(AlertDestinationsDeleteQueryV1, { destinationId: id });
    if (!deleted) throw notFound('alert.destination.not_found', `no alert destination "${id}"`);
  }

  /** Sends a sample alert to the destination now and says what happened. */
  @Post('alert-destinations/:destinationId/test')
  @RequireScope('admin')
  @HttpCode(200)
  testSend(@Param('destinationId') destinationId: string): Promise<QueryResponseOf<typeof AlertTestSendQueryV1>> {
    const id = parseOrThrow(SlugSchema, destinationId, 'gateway.invalid_destination_id');
    return this.ask(AlertTestSendQueryV1, { destinationId: id }, TEST_SEND_TIMEOUT_MS);
  }

  private ask<C extends QueryContract>(
    contract: C,
    request: QueryRequestOf<C>,
    timeoutMs = 5_000,
  ): Promise<QueryResponseOf<C>> {
    return this.queries.request(contract, request, { timeoutMs });
  }
}

function notFound(code: string, message: string): NotFoundException {
  return new NotFoundException({ error: { code, message } });
}
