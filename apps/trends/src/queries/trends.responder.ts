import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnQuery } from '@media-monitor/messaging';
import {
  SeriesTrendQueryV1,
  ShareOfVoiceQueryV1,
  TopTermsQueryV1,
  type SeriesTrendRequestV1,
  type SeriesTrendResponseV1,
  type ShareOfVoiceRequestV1,
  type ShareOfVoiceResponseV1,
  type TopTermsRequestV1,
  type TopTermsResponseV1,
} from '@media-monitor/contracts';
import { SeriesTrendUseCase } from './series-trend.use-case.js';
import { ShareOfVoiceUseCase } from './share-of-voice.use-case.js';
import { TopTermsUseCase } from './top-terms.use-case.js';

/** Answers the trend queries of the gateway (and of anyone else) over NATS request-reply. */
@Controller()
export class TrendsResponder {
  constructor(
    private readonly seriesTrend: SeriesTrendUseCase,
    private readonly topTerms: TopTermsUseCase,
    private readonly shareOfVoice: ShareOfVoiceUseCase,
  ) {}

  @OnQuery(SeriesTrendQueryV1)
  trend(@Payload() request: SeriesTrendRequestV1): Promise<SeriesTrendResponseV1> {
    return this.seriesTrend.execute(request);
  }

  @OnQuery(TopTermsQueryV1)
  top(@Payload() request: TopTermsRequestV1): Promise<TopTermsResponseV1> {
    return this.topTerms.execute(request);
  }

  @OnQuery(ShareOfVoiceQueryV1)
  share(@Payload() request: ShareOfVoiceRequestV1): Promise<ShareOfVoiceResponseV1> {
    return this.shareOfVoice.execute(request);
  }
}
