import { hkdf, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

const derivedKeys = new Map<string, Promise<Uint8Array>>();

/**
 * The session cookie's encryption key, exactly as next-auth derives it (HKDF-SHA256 of the secret). next-auth
 * derives it again for every cookie it reads or writes; it depends on the secret alone, so it is derived once per
 * process here, a pure function's result rather than state.
 */
function encryptionKey(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  const id = `${salt}\u0000${typeof secret === "string" ? `s:${secret}` : `b:${secret.toString("hex")}`}`;
  let key = derivedKeys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Promise((resolve, reject) =>
      hkdf("sha256", secret, salt, info, 32, (error, derived) => (error ? reject(error) : resolve(new Uint8Array(derived)))),
    );
    derivedKeys.set(id, key);
  }
  return key;
}

/** next-auth's own JWT encoding (dir + A256GCM, iat, exp, jti), with the key derived once. */
export async function encodeSession({ token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = "" }: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(await encryptionKey(secret, salt));
}

/** next-auth's own JWT decoding (15 s clock tolerance); throws on a forged, foreign or expired token. */
export async function decodeSession({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await encryptionKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
