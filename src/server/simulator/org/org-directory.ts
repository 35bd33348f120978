import "server-only";

// The fixed facts of the simulated organisation: who works where, where offices are, who the partners are.
// Only reserved names are used (.test for the organisation, .example for the world, documentation IP ranges),
// so nothing the simulator writes can point at a real person, company or host.

export const ORG_DOMAIN = "contoso.test";
export const ORG_NAME = "Contoso";

export const GIVEN_NAMES = [
  "Adele",
  "Alex",
  "Allan",
  "Amara",
  "Ana",
  "Ben",
  "Carlos",
  "Chen",
  "Chloe",
  "Daniel",
  "Diego",
  "Elena",
  "Emily",
  "Ethan",
  "Fatima",
  "Felix",
  "Grace",
  "Hannah",
  "Hiro",
  "Isabel",
  "Isaiah",
  "Jakob",
  "James",
  "Jana",
  "Jin",
  "Johanna",
  "Jonas",
  "Julia",
  "Kai",
  "Karen",
  "Laura",
  "Lee",
  "Lena",
  "Liam",
  "Lidia",
  "Lucas",
  "Lynne",
  "Maya",
  "Megan",
  "Miguel",
  "Mila",
  "Nadia",
  "Nestor",
  "Noah",
  "Olivia",
  "Omar",
  "Patti",
  "Pradeep",
  "Priya",
  "Rafael",
  "Raj",
  "Rosa",
  "Ruth",
  "Samir",
  "Sara",
  "Sofia",
  "Stefan",
  "Tariq",
  "Thomas",
  "Valeria",
  "Victor",
  "Wei",
  "Yara",
  "Yusuf",
  "Zoe",
] as const;

export const SURNAMES = [
  "Adams",
  "Ahmed",
  "Alvarez",
  "Andersen",
  "Bauer",
  "Becker",
  "Bennett",
  "Brooks",
  "Campbell",
  "Chen",
  "Costa",
  "Das",
  "Dubois",
  "Evans",
  "Fernandez",
  "Fischer",
  "Garcia",
  "Gomez",
  "Gupta",
  "Hansen",
  "Harris",
  "Hoffmann",
  "Ibrahim",
  "Iyer",
  "Jansen",
  "Jones",
  "Kim",
  "Klein",
  "Kowalski",
  "Kumar",
  "Lambert",
  "Larsen",
  "Lopez",
  "Martin",
  "Meyer",
  "Moreau",
  "Murphy",
  "Nakamura",
  "Nguyen",
  "Novak",
  "Okafor",
  "Olsen",
  "Patel",
  "Perez",
  "Petrov",
  "Reddy",
  "Rossi",
  "Schmidt",
  "Sharma",
  "Silva",
  "Singh",
  "Sato",
  "Tanaka",
  "Torres",
  "Wagner",
  "Walker",
  "Wang",
  "Weber",
  "Wilson",
  "Wright",
  "Yilmaz",
  "Young",
  "Zhang",
] as const;

export type Country = {
  code: string;
  city: string;
  /** Minutes ahead of UTC (no daylight saving: a month of simulated mail does not need it). */
  utcOffsetMinutes: number;
  officeIps: readonly string[];
  isps: readonly string[];
};

// Office egress addresses come from 203.0.113.0/24, home and mobile ones from 198.51.100.0/24 (both RFC 5737).
export const COUNTRIES: readonly Country[] = [
  {
    code: "US",
    city: "Seattle",
    utcOffsetMinutes: -480,
    officeIps: ["203.0.113.10", "203.0.113.11"],
    isps: ["Northwind Broadband", "Tailspin Mobile"],
  },
  {
    code: "US",
    city: "New York",
    utcOffsetMinutes: -300,
    officeIps: ["203.0.113.12", "203.0.113.13"],
    isps: ["Northwind Broadband", "Litware Fiber"],
  },
  {
    code: "GB",
    city: "London",
    utcOffsetMinutes: 0,
    officeIps: ["203.0.113.20", "203.0.113.21"],
    isps: ["Thames Telecom", "Proseware Mobile"],
  },
  {
    code: "DE",
    city: "Munich",
    utcOffsetMinutes: 60,
    officeIps: ["203.0.113.30"],
    isps: ["Alpen Netz", "Fabrikam Mobilfunk"],
  },
  {
    code: "FR",
    city: "Paris",
    utcOffsetMinutes: 60,
    officeIps: ["203.0.113.40"],
    isps: ["Seine Fibre", "Lucerne Mobile"],
  },
  {
    code: "IN",
    city: "Bengaluru",
    utcOffsetMinutes: 330,
    officeIps: ["203.0.113.50", "203.0.113.51"],
    isps: ["Deccan Broadband", "Woodgrove Mobile"],
  },
  { code: "CA", city: "Toronto", utcOffsetMinutes: -300, officeIps: ["203.0.113.60"], isps: ["Maple Fibre"] },
];

export type Department = {
  name: string;
  /** Share of headcount. */
  weight: number;
  titles: readonly string[];
  /** Index into COUNTRIES, weighted. */
  offices: readonly (readonly [number, number])[];
  /** Mean messages a person sends outside the organisation on a working day. */
  outboundPerDay: number;
  /** Mean messages a person receives from partners on a working day. */
  inboundPerDay: number;
};

export const DEPARTMENTS: readonly Department[] = [
  {
    name: "Executive",
    weight: 3,
    titles: ["Chief Executive Officer", "Chief Financial Officer", "Chief Operating Officer", "Executive Assistant"],
    offices: [[1, 1]],
    outboundPerDay: 2,
    inboundPerDay: 3,
  },
  {
    name: "Finance",
    weight: 12,
    titles: [
      "Accountant",
      "Senior Accountant",
      "Financial Analyst",
      "Accounts Payable Specialist",
      "Controller",
      "Payroll Specialist",
    ],
    offices: [
      [1, 3],
      [2, 1],
      [5, 2],
    ],
    outboundPerDay: 1.2,
    inboundPerDay: 3,
  },
  {
    name: "Human Resources",
    weight: 7,
    titles: ["HR Generalist", "Recruiter", "HR Business Partner", "Benefits Specialist"],
    offices: [
      [0, 2],
      [2, 1],
    ],
    outboundPerDay: 1,
    inboundPerDay: 2,
  },
  {
    name: "IT",
    weight: 10,
    titles: [
      "IT Manager",
      "Systems Administrator",
      "Security Analyst",
      "Helpdesk Technician",
      "Network Engineer",
      "Cloud Engineer",
    ],
    offices: [
      [0, 3],
      [5, 2],
    ],
    outboundPerDay: 0.6,
    inboundPerDay: 2,
  },
  {
    name: "Legal",
    weight: 5,
    titles: ["Corporate Counsel", "Paralegal", "Contracts Manager"],
    offices: [
      [1, 2],
      [2, 1],
    ],
    outboundPerDay: 1.5,
    inboundPerDay: 2.5,
  },
  {
    name: "Marketing",
    weight: 14,
    titles: [
      "Marketing Manager",
      "Content Strategist",
      "Digital Marketing Specialist",
      "Graphic Designer",
      "Product Marketing Manager",
    ],
    offices: [
      [0, 2],
      [2, 1],
      [4, 1],
    ],
    outboundPerDay: 1.2,
    inboundPerDay: 2.5,
  },
  {
    name: "Sales",
    weight: 28,
    titles: [
      "Account Executive",
      "Sales Manager",
      "Sales Development Representative",
      "Account Manager",
      "Sales Operations Analyst",
    ],
    offices: [
      [1, 3],
      [0, 2],
      [2, 2],
      [3, 2],
      [4, 1],
      [6, 1],
    ],
    outboundPerDay: 3,
    inboundPerDay: 4,
  },
  {
    name: "Operations",
    weight: 21,
    titles: [
      "Operations Manager",
      "Logistics Coordinator",
      "Procurement Specialist",
      "Facilities Coordinator",
      "Project Manager",
    ],
    offices: [
      [0, 2],
      [3, 2],
      [5, 2],
      [6, 1],
    ],
    outboundPerDay: 1.5,
    inboundPerDay: 3,
  },
];

/** Roles the IT administrators hold, in the order they are handed out. */
export const ADMIN_ROLES = [
  "Global Administrator",
  "Exchange Administrator",
  "Security Administrator",
  "User Administrator",
  "Helpdesk Administrator",
] as const;

export type PartnerKind = "customer" | "supplier" | "service";

export type Partner = {
  domain: string;
  name: string;
  kind: PartnerKind;
  departments: readonly string[];
  mailServerIp: string;
};

// Partner mail servers live in 192.0.2.0/24 (RFC 5737).
export const PARTNERS: readonly Partner[] = [
  {
    domain: "fabrikam.example",
    name: "Fabrikam",
    kind: "customer",
    departments: ["Sales", "Executive", "Legal"],
    mailServerIp: "192.0.2.10",
  },
  {
    domain: "tailspintoys.example",
    name: "Tailspin Toys",
    kind: "customer",
    departments: ["Sales", "Marketing"],
    mailServerIp: "192.0.2.11",
  },
  {
    domain: "wingtiptoys.example",
    name: "Wingtip Toys",
    kind: "customer",
    departments: ["Sales"],
    mailServerIp: "192.0.2.12",
  },
  {
    domain: "adventure-works.example",
    name: "Adventure Works",
    kind: "customer",
    departments: ["Sales", "Operations"],
    mailServerIp: "192.0.2.13",
  },
  {
    domain: "wideworldimporters.example",
    name: "Wide World Importers",
    kind: "customer",
    departments: ["Sales", "Finance"],
    mailServerIp: "192.0.2.14",
  },
  {
    domain: "alpineskihouse.example",
    name: "Alpine Ski House",
    kind: "customer",
    departments: ["Sales", "Marketing"],
    mailServerIp: "192.0.2.15",
  },
  {
    domain: "northwindtraders.example",
    name: "Northwind Traders",
    kind: "supplier",
    departments: ["Operations", "Finance"],
    mailServerIp: "192.0.2.20",
  },
  {
    domain: "litwareinc.example",
    name: "Litware",
    kind: "supplier",
    departments: ["IT", "Operations"],
    mailServerIp: "192.0.2.21",
  },
  {
    domain: "proseware.example",
    name: "Proseware",
    kind: "supplier",
    departments: ["IT", "Marketing"],
    mailServerIp: "192.0.2.22",
  },
  {
    domain: "fourthcoffee.example",
    name: "Fourth Coffee",
    kind: "supplier",
    departments: ["Operations"],
    mailServerIp: "192.0.2.23",
  },
  {
    domain: "consolidatedmessenger.example",
    name: "Consolidated Messenger",
    kind: "supplier",
    departments: ["Operations", "Sales"],
    mailServerIp: "192.0.2.24",
  },
  {
    domain: "woodgrovebank.example",
    name: "Woodgrove Bank",
    kind: "service",
    departments: ["Finance", "Executive"],
    mailServerIp: "192.0.2.30",
  },
  {
    domain: "humongousinsurance.example",
    name: "Humongous Insurance",
    kind: "service",
    departments: ["Human Resources", "Finance"],
    mailServerIp: "192.0.2.31",
  },
  {
    domain: "treyresearch.example",
    name: "Trey Research",
    kind: "service",
    departments: ["Marketing", "Executive"],
    mailServerIp: "192.0.2.32",
  },
  {
    domain: "margiestravel.example",
    name: "Margie's Travel",
    kind: "service",
    departments: ["Human Resources", "Sales", "Executive"],
    mailServerIp: "192.0.2.33",
  },
  {
    domain: "lucernepublishing.example",
    name: "Lucerne Publishing",
    kind: "service",
    departments: ["Marketing", "Legal"],
    mailServerIp: "192.0.2.34",
  },
];

export type Newsletter = {
  address: string;
  displayName: string;
  departments: readonly string[];
  everyDays: number;
  mailServerIp: string;
};

export const NEWSLETTERS: readonly Newsletter[] = [
  {
    address: "news@industryweekly.example",
    displayName: "Industry Weekly",
    departments: ["Executive", "Sales", "Marketing", "Operations"],
    everyDays: 7,
    mailServerIp: "192.0.2.60",
  },
  {
    address: "digest@techbrief.example",
    displayName: "TechBrief Daily",
    departments: ["IT"],
    everyDays: 1,
    mailServerIp: "192.0.2.61",
  },
  {
    address: "updates@cloudvendor.example",
    displayName: "CloudVendor Product Updates",
    departments: ["IT", "Operations"],
    everyDays: 3,
    mailServerIp: "192.0.2.62",
  },
  {
    address: "events@conferencehub.example",
    displayName: "Conference Hub",
    departments: ["Marketing", "Sales"],
    everyDays: 5,
    mailServerIp: "192.0.2.63",
  },
  {
    address: "offers@officesupplies.example",
    displayName: "Office Supplies Co.",
    departments: ["Operations", "Finance"],
    everyDays: 4,
    mailServerIp: "192.0.2.64",
  },
  {
    address: "insights@peoplematters.example",
    displayName: "People Matters",
    departments: ["Human Resources"],
    everyDays: 7,
    mailServerIp: "192.0.2.65",
  },
  {
    address: "briefing@marketwatchers.example",
    displayName: "Market Watchers Briefing",
    departments: ["Finance", "Executive"],
    everyDays: 1,
    mailServerIp: "192.0.2.66",
  },
];

/** The organisation's own outbound gateways. */
export const ORG_MAIL_IPS = ["203.0.113.200", "203.0.113.201", "203.0.113.202"] as const;
