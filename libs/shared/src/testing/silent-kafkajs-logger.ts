/** A kafkajs logger that says nothing, for specs that build kafkajs' internal classes themselves. */
export const silentKafkajsLogger = {
  namespace: () => silentKafkajsLogger,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
