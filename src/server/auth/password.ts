import "server-only";
import bcrypt from "bcryptjs";

// bcrypt with cost 12: about a quarter of a second per guess on this hardware, which the sign-in throttle
// multiplies into something useless to an attacker.
const COST = 12;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);
