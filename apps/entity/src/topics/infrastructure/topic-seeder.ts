import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TOPIC_REPOSITORY, type TopicRepository } from '../application/topic.repository.js';
import { SEED_TOPICS } from '../domain/seed-topics.js';

/** Creates the demo topic on first start, before any article is consumed. */
@Injectable()
export class TopicSeeder implements OnModuleInit {
  constructor(@Inject(TOPIC_REPOSITORY) private readonly topics: TopicRepository) {}

  async onModuleInit(): Promise<void> {
    await this.topics.seed(SEED_TOPICS);
  }
}
