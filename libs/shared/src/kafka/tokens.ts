/** The service name (ce_source, consumer names). */
export const KAFKA_SERVICE_NAME = Symbol('KAFKA_SERVICE_NAME');
