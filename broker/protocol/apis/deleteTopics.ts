// DeleteTopics (key 20), versions 1-6; flexible from 4.
// Request => [topics(v6+): name topic_id] [topic_names(v0-5)] timeout_ms
// Response => throttle_time_ms(v1+) [responses: name topic_id(v6+) error_code error_message(v5+)]
// From v6 a topic is named or addressed by id (the other left null / zero).

import { array, defineApi, f, int16, int32, nstr, str, struct, uuid, type Infer } from '../schema.js';

export const DeleteTopicsApi = defineApi({
  key: 20,
  name: 'DeleteTopics',
  minVersion: 1,
  maxVersion: 6,
  flexibleFrom: 4,
  request: struct({
    topics: f(array(struct({
      name: f(nstr, '6+'),
      topicId: f(uuid, '6+'),
    })), '6+'),
    topicNames: f(array(str), '0-5'),
    timeoutMs: f(int32),
  }),
  response: struct({
    throttleTimeMs: f(int32, '1+'),
    responses: f(array(struct({
      name: f(nstr),
      topicId: f(uuid, '6+'),
      errorCode: f(int16),
      errorMessage: f(nstr, '5+'),
    }))),
  }),
});

export type DeleteTopicsRequest = Infer<typeof DeleteTopicsApi.request>;
export type DeleteTopicsResponse = Infer<typeof DeleteTopicsApi.response>;
