import "server-only";
import type { Random } from "@/lib/random";
import {
  ADMIN_ROLES,
  COUNTRIES,
  DEPARTMENTS,
  GIVEN_NAMES,
  ORG_DOMAIN,
  PARTNERS,
  SURNAMES,
  type Country,
  type Partner,
} from "./org-directory";

export type Person = {
  address: string;
  displayName: string;
  department: string;
  jobTitle: string;
  country: Country;
  /** Admin roles held; empty for everyone outside IT's administrators. */
  adminRoles: string[];
  /** Where this person works from when not in the office (198.51.100.0/24). */
  homeIp: string;
  isp: string;
  deviceName: string;
  /** Relative volume of mail this person sends and receives. */
  activity: number;
};

export type PartnerContact = { address: string; displayName: string; partner: Partner };

export type Org = {
  people: Person[];
  byDepartment: Map<string, Person[]>;
  contacts: Map<string, PartnerContact[]>;
};

export function buildOrg(random: Random, mailboxes: number): Org {
  const usedAddresses = new Set<string>();
  const uniqueAddress = (local: string, domain: string) => {
    let address = `${local}@${domain}`;
    for (let n = 2; usedAddresses.has(address); n++) address = `${local}${n}@${domain}`;
    usedAddresses.add(address);
    return address;
  };
  const newName = () => {
    const given = random.pick(GIVEN_NAMES);
    const surname = random.pick(SURNAMES);
    return { given, surname, local: `${given}.${surname}`.toLowerCase() };
  };

  const people: Person[] = departmentSizes(mailboxes).flatMap(([department, size]) =>
    Array.from({ length: size }, (_, index): Person => {
      const { given, surname, local } = newName();
      // The first titles of each department go to its first people, so every department has its head.
      const jobTitle =
        index < department.titles.length ? department.titles[index] : random.pick(department.titles.slice(1));
      const country = COUNTRIES[random.weighted(department.offices)];
      return {
        address: uniqueAddress(local, ORG_DOMAIN),
        displayName: `${given} ${surname}`,
        department: department.name,
        jobTitle,
        country,
        adminRoles: [],
        homeIp: `198.51.100.${random.int(1, 254)}`,
        isp: random.pick(country.isps),
        deviceName: `CONTOSO-${random.pick(["LT", "LT", "DT"])}-${random.int(1000, 9999)}`,
        activity: Math.max(0.3, random.normal(1, 0.3)),
      };
    }),
  );
  assignAdminRoles(people);

  const byDepartment = new Map<string, Person[]>();
  for (const person of people)
    byDepartment.set(person.department, [...(byDepartment.get(person.department) ?? []), person]);

  const contacts = new Map<string, PartnerContact[]>();
  for (const partner of PARTNERS) {
    const count = Math.max(3, Math.round(mailboxes / 15) + random.int(0, 4));
    contacts.set(
      partner.domain,
      Array.from({ length: count }, () => {
        const { given, surname, local } = newName();
        return { address: uniqueAddress(local, partner.domain), displayName: `${given} ${surname}`, partner };
      }),
    );
  }
  return { people, byDepartment, contacts };
}

// Largest-remainder split of the headcount, so every department has at least one person once there are enough.
function departmentSizes(total: number): [(typeof DEPARTMENTS)[number], number][] {
  const weights = DEPARTMENTS.reduce((sum, department) => sum + department.weight, 0);
  const exact = DEPARTMENTS.map((department) => (total * department.weight) / weights);
  const sizes = exact.map((value) => Math.max(total >= DEPARTMENTS.length ? 1 : 0, Math.floor(value)));
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; sizes.reduce((a, b) => a + b, 0) < total; k++) sizes[order[k % order.length][1]]++;
  for (let k = sizes.length - 1; sizes.reduce((a, b) => a + b, 0) > total; k = (k + sizes.length - 1) % sizes.length) {
    if (sizes[k] > 1) sizes[k]--;
  }
  return DEPARTMENTS.map((department, i) => [department, sizes[i]]);
}

// About one in four of IT administer something; the IT manager is the Global Administrator.
function assignAdminRoles(people: Person[]): void {
  const it = people.filter((person) => person.department === "IT");
  const admins = it.slice(0, Math.max(1, Math.round(it.length * 0.25)));
  admins.forEach((person, i) => {
    person.adminRoles =
      i === 0 ? [ADMIN_ROLES[0], ADMIN_ROLES[2]] : [ADMIN_ROLES[1 + ((i - 1) % (ADMIN_ROLES.length - 1))]];
  });
}

export const isAdmin = (person: Person) => person.adminRoles.length > 0;
