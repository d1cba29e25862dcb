import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnQuery } from '@media-monitor/messaging';
import {
  AlertDeliveriesQueryV1,
  AlertDestinationsDeleteQueryV1,
  AlertDestinationsListQueryV1,
  AlertDestinationsUpsertQueryV1,
  AlertListQueryV1,
  AlertRulesDeleteQueryV1,
  AlertRulesListQueryV1,
  AlertRulesUpsertQueryV1,
  AlertTestSendQueryV1,
  type QueryRequestOf,
  type QueryResponseOf,
} from '@media-monitor/contracts';
import { RULE_REPOSITORY, type RuleRepository } from '../rules/application/rule.repository.js';
import { ListAlertsUseCase } from './list-alerts.use-case.js';
import { ManageDestinationsUseCase } from './manage-destinations.use-case.js';

type Req<C extends Parameters<typeof OnQuery>[0]> = QueryRequestOf<C>;
type Res<C extends Parameters<typeof OnQuery>[0]> = Promise<QueryResponseOf<C>>;

/** The alert service's management queries, for the gateway. */
@Controller()
export class AlertManagementResponder {
  constructor(
    @Inject(RULE_REPOSITORY) private readonly rules: RuleRepository,
    private readonly destinations: ManageDestinationsUseCase,
    private readonly alerts: ListAlertsUseCase,
  ) {}

  @OnQuery(AlertRulesListQueryV1)
  async listRules(@Payload() request: Req<typeof AlertRulesListQueryV1>): Res<typeof AlertRulesListQueryV1> {
    return { rules: await this.rules.list(request.scopeId) };
  }

  @OnQuery(AlertRulesUpsertQueryV1)
  async upsertRule(@Payload() request: Req<typeof AlertRulesUpsertQueryV1>): Res<typeof AlertRulesUpsertQueryV1> {
    const { created } = await this.rules.save(request.rule);
    return { rule: request.rule, created };
  }

  @OnQuery(AlertRulesDeleteQueryV1)
  async deleteRule(@Payload() request: Req<typeof AlertRulesDeleteQueryV1>): Res<typeof AlertRulesDeleteQueryV1> {
    return { deleted: await this.rules.delete(request.ruleId) };
  }

  @OnQuery(AlertDestinationsListQueryV1)
  async listDestinations(): Res<typeof AlertDestinationsListQueryV1> {
    return { destinations: await this.destinations.list() };
  }

  @OnQuery(AlertDestinationsUpsertQueryV1)
  upsertDestination(
    @Payload() request: Req<typeof AlertDestinationsUpsertQueryV1>,
  ): Res<typeof AlertDestinationsUpsertQueryV1> {
    return this.destinations.save(request.destination);
  }

  @OnQuery(AlertDestinationsDeleteQueryV1)
  async deleteDestination(
    @Payload() request: Req<typeof AlertDestinationsDeleteQueryV1>,
  ): Res<typeof AlertDestinationsDeleteQueryV1> {
    return { deleted: await this.destinations.delete(request.destinationId) };
  }

  @OnQuery(AlertTestSendQueryV1)
  async testSend(@Payload() request: Req<typeof AlertTestSendQueryV1>): Res<typeof AlertTestSendQueryV1> {
    const { result, destination } = await this.destinations.testSend(request.destinationId);
    return {
      outcome: result.outcome,
      httpStatus: result.httpStatus,
      errorClass: result.errorClass,
      detail: result.detail,
      destination,
    };
  }

  @OnQuery(AlertListQueryV1)
  async list(@Payload() request: Req<typeof AlertListQueryV1>): Res<typeof AlertListQueryV1> {
    return { alerts: await this.alerts.recent(request) };
  }

  @OnQuery(AlertDeliveriesQueryV1)
  async deliveries(@Payload() request: Req<typeof AlertDeliveriesQueryV1>): Res<typeof AlertDeliveriesQueryV1> {
    return { deliveries: await this.alerts.attempts(request.alertId) };
  }
}
