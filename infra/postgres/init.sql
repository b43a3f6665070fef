-- One database per service (docker-compose; scripts/infra-up.sh does the same locally).
CREATE DATABASE gov_intake;
CREATE DATABASE gov_approval;
CREATE DATABASE gov_certificate;
CREATE DATABASE gov_evaluation;
CREATE DATABASE gov_supervision;
CREATE DATABASE gov_gateway;
