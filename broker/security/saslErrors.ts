// The failure of a SASL exchange: the message goes back to the client in SaslAuthenticate's
// error_message, then the broker closes the connection, as Kafka does.

export class SaslAuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaslAuthenticationError';
  }
}
