import { TopicCreateInputV1, TopicDryRunRequestV1, TopicId, TopicUpdateInputV1 } from '@media-monitor/contracts';

/** Path parameter `{topicId}`. */
export const TopicPathId = TopicId;
/** POST /v1/topics */
export const TopicCreateBody = TopicCreateInputV1;
/** PUT /v1/topics/{topicId} (the id comes from the path). */
export const TopicUpdateBody = TopicUpdateInputV1;
/** POST /v1/topics/dry-run */
export const TopicDryRunBody = TopicDryRunRequestV1;
