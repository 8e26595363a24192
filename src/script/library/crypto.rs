//! The natives behind `crypto-js`: digests, HMAC, PBKDF2, OpenSSL's EVP key derivation and
//! the AES and DES block ciphers in their modes. Bytes cross to JavaScript as hex text; the
//! padding is done by the JavaScript side, as crypto-js does it.

use aes::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use hmac::{EagerHash, Hmac, Mac};
use sha2::digest::{Digest, FixedOutputReset};
use rquickjs::{Ctx, Exception, Function, Object};

/// The largest PBKDF2 or EVP iteration count a script may ask for.
const MAX_ITERATIONS: u32 = 100_000;
/// The largest derived key, or random byte count, a script may ask for.
const MAX_OUTPUT: usize = 4096;

/// Sets `digest`, `hmac`, `pbkdf2`, `evpkdf`, `cipher` and `random` on `n`.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, n: &Object<'js>) -> rquickjs::Result<()> {
    n.set(
        "digest",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, alg: String, data: String| -> rquickjs::Result<String> {
                let data = bytes(&ctx, &data)?;
                digest(&alg, &data)
                    .map(hex::encode)
                    .ok_or_else(|| unknown(&ctx, &alg))
            },
        )?,
    )?;
    n.set(
        "hmac",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, alg: String, key: String, data: String| -> rquickjs::Result<String> {
                let (key, data) = (bytes(&ctx, &key)?, bytes(&ctx, &data)?);
                hmac(&alg, &key, &data)
                    .map(hex::encode)
                    .ok_or_else(|| unknown(&ctx, &alg))
            },
        )?,
    )?;
    n.set(
        "pbkdf2",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             alg: String,
             password: String,
             salt: String,
             iterations: u32,
             length: usize|
             -> rquickjs::Result<String> {
                let (password, salt) = (bytes(&ctx, &password)?, bytes(&ctx, &salt)?);
                bounded(&ctx, iterations, length)?;
                pbkdf2(&alg, &password, &salt, iterations.max(1), length)
                    .map(hex::encode)
                    .ok_or_else(|| unknown(&ctx, &alg))
            },
        )?,
    )?;
    n.set(
        "evpkdf",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             alg: String,
             password: String,
             salt: String,
             iterations: u32,
             length: usize|
             -> rquickjs::Result<String> {
                let (password, salt) = (bytes(&ctx, &password)?, bytes(&ctx, &salt)?);
                bounded(&ctx, iterations, length)?;
                evpkdf(&alg, &password, &salt, iterations.max(1), length)
                    .map(hex::encode)
                    .ok_or_else(|| unknown(&ctx, &alg))
            },
        )?,
    )?;
    n.set(
        "cipher",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             alg: String,
             encrypt: bool,
             mode: String,
             key: String,
             iv: String,
             data: String|
             -> rquickjs::Result<String> {
                let (key, iv, data) = (bytes(&ctx, &key)?, bytes(&ctx, &iv)?, bytes(&ctx, &data)?);
                let mode = Mode::parse(&mode).ok_or_else(|| unknown(&ctx, &mode))?;
                let job = Job {
                    encrypt,
                    mode,
                    iv: &iv,
                };
                match run_cipher(&alg, &key, job, &data) {
                    Ok(out) => Ok(hex::encode(out)),
                    Err(message) => Err(Exception::throw_message(&ctx, &message)),
                }
            },
        )?,
    )?;
    n.set(
        "random",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, length: usize| -> rquickjs::Result<String> {
                bounded(&ctx, 1, length)?;
                let mut out = vec![0u8; length];
                rand::fill(&mut out[..]);
                Ok(hex::encode(out))
            },
        )?,
    )?;
    Ok(())
}

fn bytes(ctx: &Ctx<'_>, text: &str) -> rquickjs::Result<Vec<u8>> {
    hex::decode(text).map_err(|e| Exception::throw_type(ctx, &format!("bad bytes: {e}")))
}

fn unknown(ctx: &Ctx<'_>, what: &str) -> rquickjs::Error {
    Exception::throw_message(ctx, &format!("not supported: CryptoJS {what}"))
}

fn bounded(ctx: &Ctx<'_>, iterations: u32, length: usize) -> rquickjs::Result<()> {
    if iterations > MAX_ITERATIONS || length > MAX_OUTPUT {
        return Err(Exception::throw_range(
            ctx,
            &format!(
                "CryptoJS: at most {MAX_ITERATIONS} iterations and {MAX_OUTPUT} bytes of output"
            ),
        ));
    }
    Ok(())
}

/// Calls `$body` with the digest type named `$alg` bound to `$d`; `None` for another name.
macro_rules! with_digest {
    ($alg:expr, $d:ident => $body:expr) => {
        match $alg {
            "MD5" => {
                type $d = md5::Md5;
                Some($body)
            }
            "SHA1" => {
                type $d = sha1::Sha1;
                Some($body)
            }
            "SHA224" => {
                type $d = sha2::Sha224;
                Some($body)
            }
            "SHA256" => {
                type $d = sha2::Sha256;
                Some($body)
            }
            "SHA384" => {
                type $d = sha2::Sha384;
                Some($body)
            }
            "SHA512" => {
                type $d = sha2::Sha512;
                Some($body)
            }
            "RIPEMD160" => {
                type $d = ripemd::Ripemd160;
                Some($body)
            }
            _ => None,
        }
    };
}

/// The digest `alg` (`MD5`, `SHA256`, …, `SHA3-512`: crypto-js's SHA3 is Keccak) of `data`.
pub(crate) fn digest(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
    match alg {
        "SHA3-224" => Some(sha3::Keccak224::digest(data).to_vec()),
        "SHA3-256" => Some(sha3::Keccak256::digest(data).to_vec()),
        "SHA3-384" => Some(sha3::Keccak384::digest(data).to_vec()),
        "SHA3-512" => Some(sha3::Keccak512::digest(data).to_vec()),
        _ => with_digest!(alg, D => D::digest(data).to_vec()),
    }
}

fn hmac_with<D: EagerHash>(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let mut mac = Hmac::<D>::new_from_slice(key).ok()?;
    mac.update(data);
    Some(mac.finalize().into_bytes().to_vec())
}

/// HMAC with the digest `alg` (any of [`digest`]'s but SHA3).
pub(crate) fn hmac(alg: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    with_digest!(alg, D => hmac_with::<D>(key, data)).flatten()
}

/// PBKDF2 with HMAC of the digest `alg`, `length` bytes.
pub(crate) fn pbkdf2(
    alg: &str,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    length: usize,
) -> Option<Vec<u8>> {
    with_digest!(alg, D => {
        let mut out = vec![0u8; length];
        pbkdf2::pbkdf2_hmac::<D>(password, salt, iterations, &mut out);
        out
    })
}

fn evp_with<D: Digest + FixedOutputReset>(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    length: usize,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(length + 64);
    let mut block: Vec<u8> = Vec::new();
    let mut hasher = D::new();
    while out.len() < length {
        Digest::update(&mut hasher, &block);
        Digest::update(&mut hasher, password);
        Digest::update(&mut hasher, salt);
        block = hasher.finalize_reset().to_vec();
        for _ in 1..iterations {
            block = D::digest(&block).to_vec();
        }
        out.extend_from_slice(&block);
    }
    out.truncate(length);
    out
}

/// OpenSSL's `EVP_BytesToKey` (crypto-js's `EvpKDF`): `length` bytes from the password.
pub(crate) fn evpkdf(
    alg: &str,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    length: usize,
) -> Option<Vec<u8>> {
    with_digest!(alg, D => evp_with::<D>(password, salt, iterations, length))
}

/// A block cipher mode of crypto-js.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Cbc,
    Ecb,
    Cfb,
    Ofb,
    Ctr,
}

impl Mode {
    fn parse(name: &str) -> Option<Mode> {
        Some(match name {
            "CBC" => Mode::Cbc,
            "ECB" => Mode::Ecb,
            "CFB" => Mode::Cfb,
            "OFB" => Mode::Ofb,
            "CTR" => Mode::Ctr,
            _ => return None,
        })
    }
}

/// What one cipher call does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Job<'a> {
    /// Encrypt, or decrypt.
    pub encrypt: bool,
    /// The block mode.
    pub mode: Mode,
    /// The initialization vector (zeros when empty).
    pub iv: &'a [u8],
}

/// Encrypts or decrypts `data` (already padded by the caller) with cipher `alg` (`AES`,
/// `DES`, `TripleDES`) keyed by `key`.
pub(crate) fn run_cipher(alg: &str, key: &[u8], job: Job<'_>, data: &[u8]) -> Result<Vec<u8>, String> {
    let bad_key = || format!("CryptoJS.{alg}: a key of {} bytes is not supported", key.len());
    match (alg, key.len()) {
        ("AES", 16) => Ok(blocks(&aes::Aes128::new_from_slice(key).map_err(|_| bad_key())?, job, data)),
        ("AES", 24) => Ok(blocks(&aes::Aes192::new_from_slice(key).map_err(|_| bad_key())?, job, data)),
        ("AES", 32) => Ok(blocks(&aes::Aes256::new_from_slice(key).map_err(|_| bad_key())?, job, data)),
        ("DES", n) if n >= 8 => Ok(blocks(&des::Des::new_from_slice(&key[..8]).map_err(|_| bad_key())?, job, data)),
        ("TripleDES", n) if n >= 24 => Ok(blocks(
            &des::TdesEde3::new_from_slice(&key[..24]).map_err(|_| bad_key())?,
            job,
            data,
        )),
        ("TripleDES", n) if n >= 16 => Ok(blocks(
            &des::TdesEde2::new_from_slice(&key[..16]).map_err(|_| bad_key())?,
            job,
            data,
        )),
        ("AES" | "DES" | "TripleDES", _) => Err(bad_key()),
        _ => Err(format!("not supported: CryptoJS.{alg}")),
    }
}

fn blocks<C: BlockCipherEncrypt + BlockCipherDecrypt>(cipher: &C, job: Job<'_>, data: &[u8]) -> Vec<u8> {
    let size = Block::<C>::default().len();
    let mut chain = Block::<C>::default();
    for (slot, byte) in chain.iter_mut().zip(job.iv) {
        *slot = *byte;
    }
    let mut out = Vec::with_capacity(data.len() + size);
    for chunk in data.chunks(size) {
        let mut input = Block::<C>::default();
        input[..chunk.len()].copy_from_slice(chunk);
        let output = match (job.mode, job.encrypt) {
            (Mode::Ecb, true) => {
                cipher.encrypt_block(&mut input);
                input
            }
            (Mode::Ecb, false) => {
                cipher.decrypt_block(&mut input);
                input
            }
            (Mode::Cbc, true) => {
                xor(&mut input, &chain);
                cipher.encrypt_block(&mut input);
                chain = input.clone();
                input
            }
            (Mode::Cbc, false) => {
                let saved = input.clone();
                cipher.decrypt_block(&mut input);
                xor(&mut input, &chain);
                chain = saved;
                input
            }
            (Mode::Cfb, encrypt) => {
                let mut stream = chain.clone();
                cipher.encrypt_block(&mut stream);
                let saved = input.clone();
                xor(&mut input, &stream);
                chain = if encrypt { input.clone() } else { saved };
                input
            }
            (Mode::Ofb, _) => {
                cipher.encrypt_block(&mut chain);
                xor(&mut input, &chain);
                input
            }
            (Mode::Ctr, _) => {
                let mut stream = chain.clone();
                cipher.encrypt_block(&mut stream);
                xor(&mut input, &stream);
                increment(&mut chain);
                input
            }
        };
        out.extend_from_slice(&output[..chunk.len()]);
    }
    out
}

fn xor(block: &mut [u8], with: &[u8]) {
    for (a, b) in block.iter_mut().zip(with) {
        *a ^= b;
    }
}

/// crypto-js's CTR counter: the last 32-bit word of the counter block, incremented.
fn increment(counter: &mut [u8]) {
    let n = counter.len();
    let word = [counter[n - 4], counter[n - 3], counter[n - 2], counter[n - 1]];
    let next = u32::from_be_bytes(word).wrapping_add(1).to_be_bytes();
    counter[n - 4..].copy_from_slice(&next);
}
