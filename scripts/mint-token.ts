/**
 * Mints a local JWT for trying the API: `npm run token -- <applicant|clerk|approver|admin|partner> [--dept USCC] [--sub id]`.
 * Signs with .infra/dev/jwt-private.pem (created by scripts/dev-secrets.ts); tokens live 8 hours.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROLES, Role } from '../libs/shared/src/auth/principal';
import { signToken } from '../libs/shared/src/auth/token-signer';

const PRESETS: Record<Role, { sub: string; name: string; dept?: string }> = {
  applicant: { sub: 'citizen-0001', name: '张三' },
  clerk: { sub: 'clerk-0001', name: '窗口人员', dept: '113301000024901620' },
  approver: { sub: 'approver-0001', name: '审批人员', dept: '113301000024901620' },
  chief: { sub: 'chief-0001', name: '首席代表', dept: '113301000024901620' },
  admin: { sub: 'admin-0001', name: '平台管理员' },
  partner: { sub: 'partner-tax', name: '税务部门接口' },
  supervisor: { sub: 'supervisor-0001', name: '电子监察人员' },
  dept_head: { sub: 'head-0001', name: '部门负责人', dept: '113301000024901620' },
};

const [role, ...rest] = process.argv.slice(2);
if (!role || !ALL_ROLES.includes(role as Role)) {
  console.error(`usage: npm run token -- <${ALL_ROLES.join('|')}> [--dept USCC] [--sub id]`);
  process.exit(2);
}
const opt = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const preset = PRESETS[role as Role];
const key = readFileSync(join(__dirname, '..', '.infra', 'dev', 'jwt-private.pem'), 'utf8');
console.log(
  signToken(
    {
      sub: opt('sub') ?? preset.sub,
      roles: [role as Role],
      name: preset.name,
      dept: opt('dept') ?? preset.dept,
    },
    key,
    { expiresInSeconds: 8 * 3600 },
  ),
);
