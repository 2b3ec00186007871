/**
 * The checks `serverless package` / `deploy` run first (deploy/settings.ts) and the secret's IAM
 * statements. The packaging test runs the Framework for real; these cover every rule quickly.
 */
import { alarmActions, LOCAL_STAGE, secretResource, secretStatements, settingsProblem, type DeploySettings } from '../../deploy/settings';

const PROD: DeploySettings = {
  baseUrl: 'https://api.konaplate.example/open-api',
  secretId: 'konaplate/prod',
  secretKmsKeyArn: '',
  alarmTopicArn: '',
  logRetentionDays: 90,
  tracing: 'Active',
  apiThrottleRate: 100,
  apiThrottleBurst: 200,
  callbackThrottleRate: 20,
  callbackThrottleBurst: 40,
  reservedConcurrency: null,
  lambdaErrorsThreshold: 5,
};
const names = (stage: string) => ['userRegister', 'autoRechargeAccountRegistration'].map((id) => `konaplate-gateway-${stage}-${id}`);
const check = (settings: Partial<DeploySettings>, stage = 'prod', commands = ['package']) =>
  settingsProblem({ ...PROD, ...settings }, { commands, stage, functionNames: names(stage) });

describe('settingsProblem', () => {
  it('passes a complete prod stage for package and deploy, and never checks other commands', () => {
    expect(check({})).toBeUndefined();
    expect(check({}, 'prod', ['deploy'])).toBeUndefined();
    expect(check({ baseUrl: '', secretId: '' }, 'prod', ['offline', 'start'])).toBeUndefined();
    expect(check({ baseUrl: '' }, 'prod', ['print'])).toBeUndefined();
  });

  it('names the missing base URL or secret id, and how to give it', () => {
    expect(check({ baseUrl: '' })).toBe("Missing setting for stage prod: KONAPLATE_BASE_URL (or --param baseUrl=…), the platform's https base URL including /open-api");
    expect(check({ baseUrl: '  ' }, 'staging', ['deploy'])).toMatch(/^Missing setting for stage staging: KONAPLATE_BASE_URL/);
    expect(check({ secretId: '' })).toBe('Missing setting for stage prod: KONAPLATE_SECRET_ID (or --param secretId=…), the name or full ARN of the credentials secret (`npm run secret` creates it)');
  });

  it('wants https beyond the local stage, where the sandbox is plain http', () => {
    expect(check({ baseUrl: 'http://127.0.0.1:4010/open-api' })).toBe('KONAPLATE_BASE_URL (or --param baseUrl=…) for stage prod must be an https URL including /open-api, not "http://127.0.0.1:4010/open-api"');
    expect(check({ baseUrl: 'api.konaplate.example/open-api' })).toMatch(/must be an https URL/);
    expect(check({ baseUrl: 'http://127.0.0.1:4010/open-api', secretId: 'konaplate/sandbox' }, LOCAL_STAGE)).toBeUndefined();
  });

  it('packages the local stage but never deploys it', () => {
    expect(check({}, LOCAL_STAGE, ['package'])).toBeUndefined();
    expect(check({}, LOCAL_STAGE, ['deploy'])).toMatch(/^Stage "local" runs offline only and is never deployed: deploy with --stage <name>/);
    expect(check({}, LOCAL_STAGE, ['deploy', 'function'])).toMatch(/^Stage "local" runs offline only/);
  });

  it('refuses a stage that makes a function name longer than Lambda allows, saying how long it may be', () => {
    // konaplate-gateway- (18) + stage + - (1) + autoRechargeAccountRegistration (31) <= 64
    expect(check({}, 'a'.repeat(14))).toBeUndefined();
    expect(check({}, 'a'.repeat(15))).toBe(`Stage "${'a'.repeat(15)}" is too long: function name konaplate-gateway-${'a'.repeat(15)}-autoRechargeAccountRegistration would be 65 characters, Lambda allows 64 (use a stage of at most 14 characters)`);
  });

  it('takes a secret name or a full secret ARN, and refuses a partial ARN', () => {
    expect(check({ secretId: 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:konaplate/prod-AbCdEf' })).toBeUndefined();
    expect(check({ secretId: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:konaplate/prod-AbCdEf' })).toBeUndefined();
    expect(check({ secretId: 'arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:konaplate/prod' })).toMatch(/is an ARN but not a full secret ARN/);
    expect(check({ secretId: 'konaplate prod' })).toMatch(/must be a secret name/);
  });

  it('checks the optional settings only when given', () => {
    expect(check({ secretKmsKeyArn: 'arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' })).toBeUndefined();
    expect(check({ secretKmsKeyArn: 'arn:aws:kms:ap-northeast-2:123456789012:alias/konaplate' })).toMatch(/^--param secretKmsKeyArn=… must be the ARN of the KMS key .* IAM cannot match an alias$/);
    expect(check({ alarmTopicArn: 'arn:aws:sns:ap-northeast-2:123456789012:oncall' })).toBeUndefined();
    expect(check({ alarmTopicArn: 'oncall' })).toMatch(/^--param alarmTopicArn=… must be an SNS topic ARN/);
    expect(check({ logRetentionDays: '30' })).toBeUndefined();
    expect(check({ logRetentionDays: 31 })).toMatch(/^--param logRetentionDays=… must be one of .* 30, 60, 90/);
    expect(check({ tracing: 'On' })).toBe('--param tracing=… must be Active or PassThrough');
    expect(check({ apiThrottleRate: '0' })).toBe('--param apiThrottleRate=… must be a whole number of at least 1');
    expect(check({ apiThrottleBurst: 'lots' })).toMatch(/^--param apiThrottleBurst=…/);
    expect(check({ callbackThrottleRate: 0 })).toBe('--param callbackThrottleRate=… must be a whole number of at least 1');
    expect(check({ callbackThrottleBurst: '' })).toMatch(/^--param callbackThrottleBurst=… must be a whole number/);
    expect(check({ reservedConcurrency: '10' })).toBeUndefined();
    expect(check({ reservedConcurrency: 0 })).toMatch(/^--param reservedConcurrency=… must be a whole number of at least 1 \(leave it unset/);
  });
});

describe('the secret in IAM', () => {
  it('uses a full ARN exactly as given, in its own partition', () => {
    const arn = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:konaplate/prod-AbCdEf';
    expect(secretResource(arn)).toBe(arn);
  });

  it('turns a name into the ARN pattern of this stack partition, region and account', () => {
    expect(secretResource('konaplate/prod')).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:konaplate/prod-??????' });
  });

  it('adds kms:Decrypt on the configured key, through Secrets Manager of the secret region only', () => {
    expect(secretStatements(PROD)).toHaveLength(1);
    const key = 'arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const [, byName] = secretStatements({ secretId: 'konaplate/prod', secretKmsKeyArn: key });
    expect(byName).toEqual({
      Sid: 'DecryptCredentialsSecret', Effect: 'Allow', Action: 'kms:Decrypt', Resource: key,
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' } } },
    });
    const [, byArn] = secretStatements({ secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:konaplate/prod-AbCdEf', secretKmsKeyArn: key });
    expect(byArn).toMatchObject({ Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } });
  });

  it('notifies the alarm topic only when one is given', () => {
    expect(alarmActions({ alarmTopicArn: '' })).toEqual([]);
    expect(alarmActions({ alarmTopicArn: 'arn:aws:sns:ap-northeast-2:123456789012:oncall' })).toEqual(['arn:aws:sns:ap-northeast-2:123456789012:oncall']);
  });
});
