import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors } from '@app/shared/http';
import { ShareRequestDto, ShareResponseView } from './dto/share-envelope.dto';
import { ShareOperation } from './share-status';

const ENVELOPE =
  'Provincial 证照共享 interface (reference/gov-standards.md §1.6). No JWT: body `{accessId, accessToken, data}` ' +
  '(accessToken from POST /share/getToken; the credentials may also come in `head`). Always HTTP 200 with ' +
  '`{head: {status, message}, data}`: 0 ok, 10 no matching licence, 11 bad/expired accessToken or disabled ' +
  'client, 12 a required parameter missing or invalid (useCause ≤ 200 字 on every call), 100 operation or ' +
  'licence type not granted to the client, 103 holderTypeCode not a §1.4 code, 99 other. Every call that ' +
  'passes authentication and names its useCause is written to the usage log (用证记录) under the partner. ' +
  'Only a malformed envelope (not an object, undeclared top-level field) is an HTTP 400.';

const OPS: Record<ShareOperation, { summary: string; data: string; example: Record<string, unknown> }> = {
  queryCertInfo: {
    summary: '证照标识获取证照信息',
    data: 'data: certIdentifier, useCause → data: {cert_identifier, certData (§1.3 fields)}',
    example: { certIdentifier: '1.2.156.3005.2.…', useCause: '办理企业变更登记核验营业执照' },
  },
  queryCertInfoByHolderCode: {
    summary: '持证主体代码获取证照信息',
    data:
      'data: holderCode, holderTypeCode (§1.4, else 103), certTypeCode (21), certNo (optional), useCause → ' +
      'data: {total, certData: [...]}. The holder code is matched by its keyed hash, never stored or logged.',
    example: {
      holderCode: '91330106MA2H00000X',
      holderTypeCode: '001',
      certTypeCode: '111000000000135652003',
      useCause: '税务登记信息确认',
    },
  },
  queryCertInfoByQRcode: {
    summary: '二维码获取证照信息',
    data: 'data: qrcode (the QR content: the verification URL or its token), useCause → as queryCertInfo',
    example: { qrcode: 'https://…/api/v1/verify/GOVLIC1.…', useCause: '窗口扫码核验' },
  },
  verifyCertInfo: {
    summary: '验证证照信息',
    data:
      'data: certTypeCode, certData {holderCode, holder, certNo, …face fields}, useCause → data: {result, ' +
      'message, cert_identifier?}; result 0 信息正确且有效, 3 信息正确且证照已失效, 4 信息不全无法验证, ' +
      '5 查无此信息, 6 请填写certData中参数, 7 部分信息有误或不完整',
    example: {
      certTypeCode: '111000000000135652003',
      certData: { holderCode: '91330106MA2H00000X', holder: '杭州某某科技有限公司', certNo: '…' },
      useCause: '银行开户核验',
    },
  },
  verifyFile: {
    summary: '验证证照文件',
    data:
      'data: certTypeCode, contentType "base64", content (the PDF, base64), useCause → data: {result, ' +
      'message, reason, reasonText, fileSm3, cert_identifier?} (the same check as POST /verify/file)',
    example: {
      certTypeCode: '111000000000135652003',
      contentType: 'base64',
      content: 'JVBERi0…',
      useCause: '…',
    },
  },
  downloadUrl: {
    summary: '证照标识获取下载地址',
    data:
      'data: certIdentifier, useCause, expiryTime (optional) → data: {contentType, certIdentifier, content ' +
      '(the link), linkExpiryTime}. The link (GET /share/download/{id}, no token) works once and expires ' +
      '(SHARE_DOWNLOAD_TTL_SECONDS, default 600, or earlier at expiryTime: `yyyy-MM-dd HH:mm:ss` Asia/Shanghai ' +
      'or ISO 8601 with a zone; malformed or past → status 12); the PDF is watermarked with the useCause.',
    example: { certIdentifier: '1.2.156.3005.2.…', useCause: '不动产登记申请材料' },
  },
  getCertRemarkInfo: {
    summary: '证照加注信息',
    data:
      'data: certIdentifier, useCause → data: {cert_identifier, certificate_type_code, certificate_name, ' +
      'status (1 现势, 2 注销), remarks (加注: none kept yet, []), certificate_copy_* (null), revoked_at, ' +
      'revocation_reason, surface (照面 fields)}',
    example: { certIdentifier: '1.2.156.3005.2.…', useCause: '核实证照注销情况' },
  },
};

/** Swagger text of one operation. */
export function ShareOperationDocs(op: ShareOperation): MethodDecorator {
  const d = OPS[op];
  return applyDecorators(
    ApiOperation({
      summary: `${d.summary} (${op}). Partner client with accessToken.`,
      description: `${d.data}\n\n${ENVELOPE}`,
    }),
    ApiBody({
      type: ShareRequestDto,
      examples: { request: { value: { accessId: 'shuiwuju01', accessToken: '…', data: d.example } } },
    }),
    ApiOkResponse({ type: ShareResponseView }),
    ApiErrors(400),
  );
}
