// Moved to sandbox/aws/dynamodb.mjs (the sandbox's AWS stand-ins live together). This path stays
// only until scripts/local-stack.mjs imports the new one; then delete it.
export { createIdempotencyTable, startLocalDynamoDb } from '../sandbox/aws/dynamodb.mjs';
