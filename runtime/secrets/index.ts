export { MASK, maskParameters, type ParamSecrecy, SecretSet, secretNames } from "./mask";
