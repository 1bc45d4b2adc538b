// Distinct, non-default values shared by the API sample tests.

export const TOPIC_ID_A = '0123456789abcdef0123456789abcdef';
export const TOPIC_ID_B = 'fedcba9876543210fedcba9876543210';
export const DIRECTORY_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
/** Stands in for a record batch: the schemas carry records as opaque bytes. */
export const RECORDS = Buffer.from('not really a record batch, just bytes', 'utf8');
/** Kafka's "authorized operations were not requested". */
export const OPS_OMITTED = -2147483648;
