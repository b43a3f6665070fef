export { companyUscc } from '../../libs/shared/src/testing/identities';
