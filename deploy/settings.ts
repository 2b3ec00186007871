/**
 * A stage's deploy settings (serverless.yml `custom.konaplate`, filled from params and env) and the
 * checks `serverless package` and `serverless deploy` run before anything else: each failure is one
 * line naming the setting and how to give it, and never a secret value (settings hold none).
 */

/** The offline stage: `npm start`, the end-to-end tests and `npm run package` use it; it is never deployed. */
export const LOCAL_STAGE = 'local';

/** Lambda's limit on a function name. */
export const MAX_FUNCTION_NAME = 64;

/** The values CloudWatch Logs accepts for RetentionInDays. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export interface DeploySettings {
  baseUrl: string;
  secretId: string;
  secretKmsKeyArn: string;
  alarmTopicArn: string;
  logRetentionDays: number | string;
  tracing: string;
  apiThrottleRate: number | string;
  apiThrottleBurst: number | string;
  callbackThrottleRate: number | string;
  callbackThrottleBurst: number | string;
  reservedConcurrency: number | string | null;
  lambdaErrorsThreshold: number | string;
}

/** How an operator gives each setting; the messages name it this way. */
const HOW: Record<keyof DeploySettings, string> = {
  baseUrl: 'KONAPLATE_BASE_URL (or --param baseUrl=…)',
  secretId: 'KONAPLATE_SECRET_ID (or --param secretId=…)',
  secretKmsKeyArn: '--param secretKmsKeyArn=…',
  alarmTopicArn: '--param alarmTopicArn=…',
  logRetentionDays: '--param logRetentionDays=…',
  tracing: '--param tracing=…',
  apiThrottleRate: '--param apiThrottleRate=…',
  apiThrottleBurst: '--param apiThrottleBurst=…',
  callbackThrottleRate: '--param callbackThrottleRate=…',
  callbackThrottleBurst: '--param callbackThrottleBurst=…',
  reservedConcurrency: '--param reservedConcurrency=…',
  lambdaErrorsThreshold: '--param lambdaErrorsThreshold=…',
};

/** A full secret ARN: AWS appends `-` and 6 characters to the name. */
const SECRET_ARN = /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:([A-Za-z0-9/_+=.@-]+)-([A-Za-z0-9]{6})$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export interface Command {
  /** e.g. ['package'] or ['deploy', 'function']. */
  commands: readonly string[];
  stage: string;
  /** Every function's deployed name. */
  functionNames: readonly string[];
}

const isBlank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

function integerProblem(value: unknown, min: number): string | undefined {
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  return isBlank(value) || !Number.isInteger(number) || number < min ? `must be a whole number of at least ${min}` : undefined;
}

/**
 * The first thing wrong with packaging or deploying this stage with these settings, as one line;
 * undefined when all is well. Only `package` and `deploy` are checked: `offline` runs the local stage.
 */
export function settingsProblem(settings: DeploySettings, command: Command): string | undefined {
  const [verb] = command.commands;
  if (verb !== 'package' && verb !== 'deploy') return undefined;
  const { stage } = command;
  const local = stage === LOCAL_STAGE;
  if (verb === 'deploy' && local) {
    return `Stage "${LOCAL_STAGE}" runs offline only and is never deployed: deploy with --stage <name> (e.g. prod) and that stage's settings (README "Deploy to AWS")`;
  }
  const longest = [...command.functionNames].sort((a, b) => b.length - a.length)[0];
  if (longest && longest.length > MAX_FUNCTION_NAME) {
    const room = stage.length - (longest.length - MAX_FUNCTION_NAME);
    return `Stage "${stage}" is too long: function name ${longest} would be ${longest.length} characters, Lambda allows ${MAX_FUNCTION_NAME} (use a stage of at most ${Math.max(room, 0)} characters)`;
  }
  const missing = (key: keyof DeploySettings, what: string) => `Missing setting for stage ${stage}: ${HOW[key]}, ${what}`;
  if (isBlank(settings.baseUrl)) return missing('baseUrl', "the platform's https base URL including /open-api");
  if (!local && !isHttpsUrl(settings.baseUrl)) return `${HOW.baseUrl} for stage ${stage} must be an https URL including /open-api, not ${JSON.stringify(settings.baseUrl)}`;
  if (isBlank(settings.secretId)) return missing('secretId', 'the name or full ARN of the credentials secret (`npm run secret` creates it)');
  const secretProblem = secretIdProblem(settings.secretId);
  if (secretProblem) return `${HOW.secretId} ${secretProblem}`;
  if (!isBlank(settings.secretKmsKeyArn) && !KMS_KEY_ARN.test(settings.secretKmsKeyArn)) {
    return `${HOW.secretKmsKeyArn} must be the ARN of the KMS key that encrypts the secret (arn:<partition>:kms:<region>:<account>:key/<key id>); IAM cannot match an alias`;
  }
  if (!isBlank(settings.alarmTopicArn) && !SNS_TOPIC_ARN.test(settings.alarmTopicArn)) {
    return `${HOW.alarmTopicArn} must be an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<topic>)`;
  }
  if (!LOG_RETENTION_DAYS.some((days) => String(days) === String(settings.logRetentionDays).trim())) {
    return `${HOW.logRetentionDays} must be one of the values CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`;
  }
  if (settings.tracing !== 'Active' && settings.tracing !== 'PassThrough') return `${HOW.tracing} must be Active or PassThrough`;
  for (const key of ['apiThrottleRate', 'apiThrottleBurst', 'callbackThrottleRate', 'callbackThrottleBurst', 'lambdaErrorsThreshold'] as const) {
    const problem = integerProblem(settings[key], 1);
    if (problem) return `${HOW[key]} ${problem}`;
  }
  if (settings.reservedConcurrency !== null && settings.reservedConcurrency !== undefined) {
    const problem = integerProblem(settings.reservedConcurrency, 1);
    if (problem) return `${HOW.reservedConcurrency} ${problem} (leave it unset for no reservation)`;
  }
  return undefined;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

function secretIdProblem(secretId: string): string | undefined {
  if (secretId.startsWith('arn:')) {
    return SECRET_ARN.test(secretId)
      ? undefined
      : 'is an ARN but not a full secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>): give the full ARN or the name';
  }
  return SECRET_NAME.test(secretId) ? undefined : 'must be a secret name (letters, digits and /_+=.@-) or a full secret ARN';
}

type Sub = { 'Fn::Sub': string };

/**
 * The IAM resource of the secret: a full ARN exactly as given; a name as the ARN pattern of that
 * name in the stack's own partition, region and account (`-??????`: the 6 characters AWS appends).
 */
export function secretResource(secretId: string): string | Sub {
  if (secretId.startsWith('arn:')) return secretId;
  return { 'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${secretId}-??????` };
}

/**
 * What a function needs to read the credentials: GetSecretValue on that one secret, and kms:Decrypt
 * on the customer-managed key that encrypts it, only through Secrets Manager, when one is configured.
 */
export function secretStatements(settings: Pick<DeploySettings, 'secretId' | 'secretKmsKeyArn'>): object[] {
  const statements: object[] = [
    { Sid: 'ReadCredentialsSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretResource(settings.secretId) },
  ];
  if (!isBlank(settings.secretKmsKeyArn)) {
    const secretRegion = SECRET_ARN.exec(settings.secretId)?.[2];
    statements.push({
      Sid: 'DecryptCredentialsSecret',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: settings.secretKmsKeyArn,
      Condition: {
        StringEquals: {
          'kms:ViaService': secretRegion ? `secretsmanager.${secretRegion}.amazonaws.com` : { 'Fn::Sub': 'secretsmanager.${AWS::Region}.amazonaws.com' },
        },
      },
    });
  }
  return statements;
}

/** Where alarms notify: the topic when one is given, else nowhere (the alarms still show their state). */
export function alarmActions(settings: Pick<DeploySettings, 'alarmTopicArn'>): string[] {
  return isBlank(settings.alarmTopicArn) ? [] : [settings.alarmTopicArn.trim()];
}
