// Verifies a Sigstore bundle with Sigstore's own verifier (sigstore-js: @sigstore/bundle, @sigstore/verify), trusting
// one public key and nothing else (no transparency log, no timestamp authority: it works offline), then checks that the
// in-toto statement is about the image digest given.
//   NODE_PATH=.../node_modules node verify-bundle.js BUNDLE.json PUBLIC_KEY.pem sha256:HEX
// Prints the statement's predicate type and exits 0 when it verifies; prints why and exits 1 when it does not.
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { toSignedEntity, toTrustMaterial, Verifier } = require('@sigstore/verify');

const [bundlePath, keyPath, digest] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  const key = crypto.createPublicKey(fs.readFileSync(keyPath, 'utf8'));
  const root = { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] };
  const trust = toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true }));
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  verifier.verify(toSignedEntity(bundle));
  const statement = JSON.parse(Buffer.from(bundle.content.dsseEnvelope.payload).toString('utf8'));
  const [algorithm, hex] = digest.split(':');
  if (!statement.subject.some((s) => s.digest && s.digest[algorithm] === hex)) {
    throw new Error('the statement is not about ' + digest + ': ' + JSON.stringify(statement.subject));
  }
  console.log('verified ' + statement.predicateType);
} catch (e) {
  console.log('not verified: ' + (e.code ? e.code + ' ' : '') + e.message);
  process.exit(1);
}
