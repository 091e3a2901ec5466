import type { Direction, KeyResultType, ObjectiveKind } from "@/lib/generated/prisma/enums";

/** The demo organisation: a 60-person logistics software company, one quarter into its OKR practice. */

export const DEMO_ORG = { name: "Northwind", slug: "northwind" };
export const DEMO_PASSWORD = "keel-demo-2026";
export const DEMO_EMAIL_DOMAIN = "northwind.example";

export const PEOPLE = [
  "Alex Rivera", "Priya Shah", "Jordan Blake", "Maya Okafor", "Sam Lee", "Chen Wei", "Lucía Fernández",
  "Tomasz Nowak", "Hannah Becker", "Omar Haddad", "Grace Kim", "Noah Jensen", "Aisha Bello", "Ben Carter",
  "Sofia Rossi", "Liam O'Brien", "Emma Lindqvist", "Mateo García", "Yuki Tanaka", "Ravi Menon", "Chloe Martin",
  "Daniel Adeyemi", "Ingrid Solberg", "Felix Wagner", "Nadia Petrova", "Kwame Mensah", "Laura Schmidt",
  "Diego Alvarez", "Mei Lin", "Jonas Eriksson", "Fatima Zahra", "Oscar Nilsson", "Amara Diallo", "Lukas Huber",
  "Elena Popescu", "Arjun Patel", "Clara Dubois", "Mohammed Ali", "Sara Johansson", "Victor Moreau", "Zoe Turner",
  "Henrik Larsen", "Leila Karimi", "Marco Bianchi", "Julia Novak", "Tariq Rahman", "Anna Kowalska", "Pedro Santos",
  "Isabel Cruz", "Erik Lund", "Nora Hansen", "Samuel Osei", "Ava Thompson", "Kenji Watanabe", "Rosa Medina",
  "Patrick Byrne", "Helena Virtanen", "Board Observer", "Investor Liaison", "Audit Advisor",
] as const;

export interface DemoTeam {
  key: string;
  name: string;
  lead: number;
  members: number[];
}

export interface DemoDepartment extends DemoTeam {
  teams: DemoTeam[];
}

/** People by index into PEOPLE: 0 is the owner (CEO), 1 an admin, 57-59 viewers, everyone else a member. */
export const DEPARTMENTS: DemoDepartment[] = [
  {
    key: "pe", name: "Product & Engineering", lead: 2, members: [],
    teams: [
      { key: "platform", name: "Platform", lead: 5, members: [13, 14, 15, 16, 17, 18] },
      { key: "growth", name: "Growth Engineering", lead: 6, members: [19, 20, 21, 22, 23] },
      { key: "data", name: "Data", lead: 7, members: [24, 25, 26, 27, 28] },
    ],
  },
  {
    key: "gtm", name: "Go-to-Market", lead: 3, members: [],
    teams: [
      { key: "sales", name: "Sales", lead: 8, members: [29, 30, 31, 32, 33, 34] },
      { key: "marketing", name: "Marketing", lead: 9, members: [35, 36, 37, 38, 39] },
      { key: "success", name: "Customer Success", lead: 10, members: [40, 41, 42, 43, 44, 45] },
    ],
  },
  {
    key: "ops", name: "Operations", lead: 4, members: [1],
    teams: [
      { key: "people", name: "People", lead: 11, members: [46, 47, 48, 49, 50] },
      { key: "finance", name: "Finance", lead: 12, members: [51, 52, 53, 54, 55, 56] },
    ],
  },
];

export const VIEWERS = [57, 58, 59];
export const ADMINS = [1];

export interface DemoKeyResult {
  title: string;
  type?: KeyResultType;
  direction?: Direction;
  start: number;
  target: number;
  unit?: string;
  milestones?: string[];
  weight?: number;
  /** Index into PEOPLE; defaults to the objective's owner. */
  owner?: number;
  /** How the quarter is going for it: drives the demo check-ins. */
  health: "good" | "risk" | "off";
  /** The target was changed during the cycle: from what, why, and how many days before "today". */
  targetChange?: { from: number; reason: string; daysAgo: number };
  /** The work under it; an "initiatives" key result's progress is the share of these done. */
  initiatives?: DemoInitiative[];
}

export interface DemoInitiative {
  title: string;
  status: "planned" | "in_progress" | "done" | "dropped";
  /** Index into PEOPLE; defaults to the key result's owner. */
  owner?: number;
  /** Due this many days after "today" (negative: already past). */
  dueInDays?: number;
  url?: string;
}

export interface DemoObjective {
  key: string;
  title: string;
  why: string;
  owner: number;
  /** Team key, or null for company objectives. */
  team: string | null;
  personal?: boolean;
  kind?: ObjectiveKind;
  /** "C1" aligns to an objective, "C1.2" to that objective's second key result; absent means unaligned. */
  align?: string;
  krs: DemoKeyResult[];
  /** Stopped during the cycle, with the reason, this many weeks before "today". */
  abandoned?: { reason: string; weeksAgo: number };
}

export const OBJECTIVES: DemoObjective[] = [
  {
    key: "C1", team: null, owner: 0,
    title: "Become the default choice for mid-size logistics teams",
    why: "Mid-size carriers are under-served and growing fastest; winning them now sets our position for the next five years.",
    krs: [
      { title: "Grow annual recurring revenue from €8.0M to €11.5M", type: "currency", start: 8_000_000, target: 11_500_000, unit: "€", health: "good", weight: 2 },
      { title: "Raise net revenue retention from 104% to 115%", type: "percent", start: 104, target: 115, unit: "%", health: "risk", owner: 3 },
      { title: "Win 25 new logos with more than 250 employees", start: 0, target: 25, unit: "logos", health: "good", owner: 3 },
    ],
  },
  {
    key: "C2", team: null, owner: 2,
    title: "Make Northwind effortless to adopt",
    why: "Slow onboarding is the first reason trials stall and the second reason customers churn.",
    krs: [
      { title: "Cut median time to first value from 21 days to 7", direction: "decrease", start: 21, target: 7, unit: "days", health: "risk" },
      { title: "Raise activation rate from 38% to 60%", type: "percent", start: 38, target: 60, unit: "%", health: "good" },
      { title: "Keep weekly support tickets per 100 accounts below 12", direction: "keep_below", start: 15, target: 12, unit: "tickets", health: "off", owner: 10 },
    ],
  },
  {
    key: "C3", team: null, owner: 1,
    title: "Run a platform our customers trust with their operations",
    why: "Dispatchers plan their day on Northwind; every outage lands on a loading dock.",
    krs: [
      { title: "Keep monthly uptime above 99.95%", type: "percent", direction: "keep_above", start: 99.9, target: 99.95, unit: "%", health: "good", owner: 5 },
      { title: "Reduce p95 API latency from 480 ms to 250 ms", direction: "decrease", start: 480, target: 250, unit: "ms", health: "risk", owner: 5 },
      { title: "Complete SOC 2 Type II", type: "milestone", start: 0, target: 4, milestones: ["Scope agreed", "Controls in place", "Audit window done", "Report issued"], health: "good", owner: 4 },
    ],
  },
  {
    key: "C4", team: null, owner: 0, kind: "aspirational",
    title: "Build a company people want to stay in",
    why: "We are growing by half this year; the people who join must want to stay and grow here.",
    krs: [
      { title: "Raise engagement score from 71 to 78", start: 71, target: 78, unit: "points", health: "good", owner: 11 },
      { title: "Hire 18 people into priority roles", start: 0, target: 18, unit: "hires", health: "risk", owner: 4 },
      { title: "Every manager completes the leadership programme", type: "yes_no", start: 0, target: 1, health: "risk", owner: 11 },
    ],
  },
  {
    key: "PE1", team: "pe", owner: 2, align: "C2",
    title: "Ship self-serve onboarding that gets teams live in a week",
    why: "Implementation engineers are our bottleneck: every account they do not need to touch is a week saved.",
    krs: [
      { title: "70% of new accounts use guided setup", type: "percent", start: 0, target: 70, unit: "%", health: "good" },
      {
        title: "Cut implementation hours per account from 30 to 10", direction: "decrease", start: 30, target: 10, unit: "hours", health: "risk",
        initiatives: [
          { title: "Import customers' carrier lists from CSV", status: "done", owner: 20, dueInDays: -20, url: "https://tracker.northwind.example/ONB-112" },
          { title: "Self-serve EDI mapping screen", status: "in_progress", owner: 21, dueInDays: -3, url: "https://tracker.northwind.example/ONB-118" },
          { title: "Default rate tables per region", status: "planned", owner: 22, dueInDays: 24 },
        ],
      },
      { title: "Launch the integrations marketplace", type: "milestone", start: 0, target: 3, milestones: ["Design partner review", "Beta with 10 accounts", "Public launch"], health: "good", owner: 6 },
      {
        title: "Onboarding building blocks in customers' hands", type: "initiatives", start: 0, target: 3, health: "good", owner: 6,
        initiatives: [
          { title: "Guided setup checklist", status: "done", owner: 19, dueInDays: -30 },
          { title: "Sample data workspace", status: "done", owner: 23, dueInDays: -10 },
          { title: "In-app setup video tours", status: "dropped", owner: 20 },
          { title: "Team invite flow from the checklist", status: "in_progress", owner: 19, dueInDays: 10 },
        ],
      },
    ],
  },
  {
    key: "PE2", team: "pe", owner: 2, align: "C3",
    title: "Make the platform fast and dependable at three times today's load",
    why: "Our three largest prospects each bring more shipments than all of today's customers together.",
    krs: [
      {
        title: "Pass the quarterly load test at 3x peak", type: "yes_no", start: 0, target: 1, health: "risk", owner: 5,
        initiatives: [
          { title: "Partition the shipments table by month", status: "in_progress", owner: 13, dueInDays: 12, url: "https://tracker.northwind.example/PLAT-431" },
          { title: "Move read traffic to a replica", status: "planned", owner: 14, dueInDays: 30 },
        ],
      },
      { title: "Reduce severity 1-2 incidents from 9 to 3 per quarter", direction: "decrease", start: 9, target: 3, unit: "incidents", health: "good", owner: 5 },
      { title: "Keep error budget burn below 50%", type: "percent", direction: "keep_below", start: 40, target: 50, unit: "%", health: "good", owner: 5 },
    ],
  },
  {
    key: "PE3", team: "pe", owner: 7, align: "C1.1", kind: "aspirational",
    title: "Turn our shipment data into features customers pay for",
    why: "We hold the best arrival data in the region; predictive ETA is the feature prospects ask for first.",
    krs: [
      { title: "Release predictive ETA to 40 customers", start: 0, target: 40, unit: "customers", health: "risk" },
      { title: "Keep predictive ETA accuracy above 90%", type: "percent", direction: "keep_above", start: 86, target: 90, unit: "%", health: "off" },
    ],
  },
  {
    key: "GM1", team: "gtm", owner: 3, align: "C1",
    title: "Win the mid-market in Northern Europe",
    why: "Nordic and Baltic carriers convert twice as often as anywhere else and refer each other.",
    krs: [
      { title: "Build €4.0M of qualified pipeline", type: "currency", start: 0, target: 4_000_000, unit: "€", health: "good" },
      { title: "Close 15 new mid-market logos", start: 0, target: 15, unit: "logos", health: "risk", owner: 8 },
      { title: "Raise win rate from 18% to 25%", type: "percent", start: 18, target: 25, unit: "%", health: "risk", owner: 8 },
    ],
  },
  {
    key: "GM2", team: "gtm", owner: 3, align: "C1.2",
    title: "Keep and grow the customers we already have",
    why: "Every point of retention is worth more than a new logo, and it compounds.",
    krs: [
      { title: "Reduce monthly logo churn from 2.1% to 1.2%", type: "percent", direction: "decrease", start: 2.1, target: 1.2, unit: "%", health: "risk", owner: 10 },
      { title: "Earn €900k in expansion revenue", type: "currency", start: 0, target: 900_000, unit: "€", health: "good" },
      { title: "Hold business reviews with all top 50 accounts", start: 0, target: 50, unit: "reviews", health: "good", owner: 10 },
    ],
  },
  {
    key: "OP1", team: "ops", owner: 4, align: "C4",
    title: "Hire and onboard the people our plan needs",
    why: "Half of next year's roadmap depends on people who have not joined yet.",
    krs: [
      { title: "Cut median time to hire from 52 to 35 days", direction: "decrease", start: 52, target: 35, unit: "days", health: "good", owner: 11 },
      { title: "Keep new-hire onboarding rating above 4.5", direction: "keep_above", start: 4.3, target: 4.5, unit: "/5", health: "good", owner: 11 },
    ],
  },
  {
    key: "OP2", team: "ops", owner: 4,
    title: "Close the books faster with fewer surprises",
    why: "Leaders wait twelve days for last month's numbers; decisions are made on guesses meanwhile.",
    krs: [
      { title: "Cut month-end close from 12 to 6 working days", direction: "decrease", start: 12, target: 6, unit: "days", health: "good", owner: 12 },
      { title: "Keep forecast variance below 5%", type: "percent", direction: "keep_below", start: 8, target: 5, unit: "%", health: "off", owner: 12 },
    ],
  },
  {
    key: "T1", team: "platform", owner: 5, align: "PE2",
    title: "Make every API call fast",
    why: "Slow screens are the top complaint of dispatchers in our last survey.",
    krs: [
      { title: "Reduce p95 latency of the shipments API from 480 ms to 250 ms", direction: "decrease", start: 480, target: 250, unit: "ms", health: "risk", owner: 13 },
      { title: "Move all tenants to the new query engine", type: "percent", start: 0, target: 100, unit: "%", health: "good", owner: 14 },
    ],
  },
  {
    key: "T2", team: "platform", owner: 5, align: "PE2.2",
    title: "Quieter on-call for platform engineers",
    why: "Noisy pages burn people out and hide the alerts that matter.",
    krs: [
      { title: "Reduce pages per on-call week from 35 to 10", direction: "decrease", start: 35, target: 10, unit: "pages", health: "good", owner: 15 },
      { title: "Write runbooks for the top 20 alerts", start: 0, target: 20, unit: "runbooks", health: "good", owner: 16 },
    ],
  },
  {
    key: "T3", team: "growth", owner: 6, align: "PE1",
    title: "Launch guided setup for every new account",
    why: "Accounts that finish setup in week one renew at twice the rate.",
    krs: [
      { title: "Raise guided setup completion from 20% to 60%", type: "percent", start: 20, target: 60, unit: "%", health: "good", owner: 19 },
      { title: "Ship setup templates for 5 industries", start: 0, target: 5, unit: "templates", health: "good", owner: 20 },
      { title: "Pass the accessibility audit of the setup flow", type: "yes_no", start: 0, target: 1, health: "good", owner: 21 },
    ],
  },
  {
    key: "T4", team: "growth", owner: 6, align: "C2",
    title: "Make more trials turn into customers",
    why: "We pay for every trial; four in five leave without talking to us.",
    krs: [
      { title: "Raise trial-to-paid conversion from 9% to 14%", type: "percent", start: 9, target: 14, unit: "%", health: "risk", owner: 22 },
      { title: "Roll out the winning activation emails", type: "milestone", start: 0, target: 3, milestones: ["Baseline measured", "Three variants live", "Winner rolled out"], health: "good", owner: 23 },
    ],
  },
  {
    key: "T5", team: "data", owner: 7, align: "PE3",
    title: "Put predictive ETA in customers' hands",
    why: "Customers who try the ETA beta log in twice as often.",
    krs: [
      { title: "Cut ETA model error from 42 to 20 minutes", direction: "decrease", start: 42, target: 20, unit: "min", health: "off", owner: 24 },
      { title: "Enable predictive ETA for 40 customers", start: 0, target: 40, unit: "customers", health: "risk", owner: 25 },
    ],
  },
  {
    key: "T6", team: "data", owner: 7, align: "PE2",
    title: "Metrics every team can trust",
    why: "Two dashboards disagreed in the last board meeting; nobody knew which was right.",
    krs: [
      { title: "Back 90% of dashboards with tested models", type: "percent", start: 35, target: 90, unit: "%", health: "good", owner: 26 },
      { title: "Publish definitions for the 30 core metrics", start: 0, target: 30, unit: "metrics", health: "good", owner: 27 },
    ],
  },
  {
    key: "T7", team: "sales", owner: 8, align: "GM1",
    title: "Fill the pipeline for next quarter",
    why: "Next quarter's number is made by the meetings we book now.",
    krs: [
      { title: "Book 120 qualified first meetings", start: 0, target: 120, unit: "meetings", health: "good", owner: 29 },
      {
        title: "Create €2.5M of pipeline from outbound", type: "currency", start: 0, target: 2_500_000, unit: "€", health: "risk", owner: 30,
        targetChange: { from: 3_000_000, reason: "Two SDR hires moved to next quarter, so outbound capacity is a sixth lower", daysAgo: 4 },
      },
    ],
  },
  {
    key: "T8", team: "sales", owner: 8, align: "GM1.2",
    title: "Close the late-stage deals",
    why: "Ten deals are in final negotiation; each one slipped costs us a quarter.",
    krs: [
      { title: "Close 10 late-stage deals", start: 0, target: 10, unit: "deals", health: "risk", owner: 31 },
      { title: "Shorten the average sales cycle from 94 to 75 days", direction: "decrease", start: 94, target: 75, unit: "days", health: "off", owner: 32 },
    ],
  },
  {
    key: "T9", team: "marketing", owner: 9, align: "GM1",
    title: "Become the name Nordic logistics teams know",
    why: "In lost deals, the buyer had usually never heard of us before the tender.",
    krs: [
      { title: "Grow demo requests from 60 to 150 a month", start: 60, target: 150, unit: "requests", health: "good", owner: 35 },
      { title: "Speak at 4 industry events", start: 0, target: 4, unit: "events", health: "good", owner: 36 },
      { title: "Publish the 2027 logistics benchmark report", type: "milestone", start: 0, target: 3, milestones: ["Survey closed", "Draft reviewed", "Published"], health: "risk", owner: 37 },
    ],
  },
  {
    key: "T17", team: "marketing", owner: 9, align: "GM1",
    title: "Launch a partner referral programme",
    why: "Logistics consultancies advise most of our prospects; a referral from them shortens the sale.",
    krs: [{ title: "Sign 10 referral partners", start: 0, target: 10, unit: "partners", health: "off", owner: 36 }],
    abandoned: { reason: "Partners asked for an integration first; we revisit after the marketplace launches.", weeksAgo: 1 },
  },
  {
    key: "T10", team: "marketing", owner: 9, align: "GM2",
    title: "Turn happy customers into advocates",
    why: "References close deals; we have three and need many more.",
    krs: [
      { title: "Publish 8 customer case studies", start: 0, target: 8, unit: "stories", health: "good", owner: 38 },
      { title: "Keep our G2 rating above 4.6", direction: "keep_above", start: 4.5, target: 4.6, unit: "stars", health: "good", owner: 39 },
    ],
  },
  {
    key: "T11", team: "success", owner: 10, align: "GM2",
    title: "Every account healthy by renewal",
    why: "Renewals are won in the six months before them, not in the last week.",
    krs: [
      { title: "Raise accounts in green health from 62% to 80%", type: "percent", start: 62, target: 80, unit: "%", health: "risk", owner: 40 },
      { title: "Keep first response time below 2 hours", direction: "keep_below", start: 2.5, target: 2, unit: "hours", health: "good", owner: 41 },
      { title: "Save 8 of the 10 at-risk renewals", start: 0, target: 8, unit: "renewals", health: "risk", owner: 42 },
    ],
  },
  {
    key: "T12", team: "success", owner: 10, align: "C2.3",
    title: "Help customers help themselves",
    why: "Most tickets ask questions the product could answer.",
    krs: [
      { title: "Help centre answers 40% of questions without a ticket", type: "percent", start: 15, target: 40, unit: "%", health: "good", owner: 43 },
      { title: "Cut tickets per 100 accounts from 18 to 12", direction: "decrease", start: 18, target: 12, unit: "tickets", health: "off", owner: 44 },
    ],
  },
  {
    key: "T13", team: "people", owner: 11, align: "OP1",
    title: "Make Northwind a place to grow a career",
    why: "Exit interviews name unclear growth paths as the first reason to leave.",
    krs: [
      { title: "Publish career frameworks for all 6 job families", start: 0, target: 6, unit: "frameworks", health: "good", owner: 46 },
      { title: "Keep engagement survey participation above 85%", type: "percent", direction: "keep_above", start: 80, target: 85, unit: "%", health: "good", owner: 47 },
    ],
  },
  {
    key: "T14", team: "people", owner: 11, align: "C4.3",
    title: "Run the leadership programme for every manager",
    why: "Most of our managers are managing for the first time.",
    krs: [
      { title: "22 managers complete the programme", start: 0, target: 22, unit: "managers", health: "risk", owner: 48 },
      { title: "Deliver the programme", type: "milestone", start: 0, target: 3, milestones: ["Curriculum signed off", "Cohort 1 done", "Cohort 2 done"], health: "good", owner: 49 },
    ],
  },
  {
    key: "T15", team: "finance", owner: 12, align: "OP2",
    title: "Automate the month-end close",
    why: "Manual reconciliations take four people a week every month.",
    krs: [
      { title: "Automate 80% of reconciliations", type: "percent", start: 30, target: 80, unit: "%", health: "good", owner: 51 },
      { title: "Cut manual journal entries from 400 to 150 a month", direction: "decrease", start: 400, target: 150, unit: "entries", health: "good", owner: 52 },
    ],
  },
  {
    key: "T16", team: "finance", owner: 12, align: "OP2.2",
    title: "Give budget owners a forecast they trust",
    why: "Budget owners keep their own spreadsheets because ours arrive late.",
    krs: [
      { title: "Publish the rolling forecast on the 5th working day, 3 months running", start: 0, target: 3, unit: "months", health: "risk", owner: 53 },
      { title: "Train 25 budget owners on the forecast model", start: 0, target: 25, unit: "people", health: "good", owner: 54 },
    ],
  },
  {
    key: "P1", team: null, personal: true, owner: 0, align: "C1",
    title: "Meet 30 customers where they work",
    why: "I want to hear the problems before they reach a dashboard.",
    krs: [{ title: "Visit 30 customer sites", start: 0, target: 30, unit: "visits", health: "good" }],
  },
  {
    key: "P2", team: "platform", personal: true, owner: 5, align: "C4",
    title: "Grow two engineers into tech leads",
    why: "Platform needs two more people who can lead a project end to end.",
    krs: [{ title: "Tech lead path", type: "milestone", start: 0, target: 3, milestones: ["Growth plans agreed", "Each leads a project", "Promotion cases written"], health: "good" }],
  },
];

/** Last quarter, closed and scored: what the review's history and the next cycle learn from. */
export const PAST_OBJECTIVES: (Omit<DemoObjective, "krs"> & {
  krs: (Omit<DemoKeyResult, "health"> & { final: number; score: number })[];
  wentWell: string;
  learned: string;
})[] = [
  {
    key: "Q1", team: null, owner: 0,
    title: "Prove mid-size carriers will pay for Northwind",
    why: "We needed evidence before investing in a mid-market sales team.",
    wentWell: "Pilots converted better than planned; two customers became references.",
    learned: "Procurement takes six weeks longer than we assumed: start it in the first call.",
    krs: [
      { title: "Convert 8 pilots to paid contracts", start: 0, target: 8, unit: "contracts", final: 6, score: 0.7 },
      { title: "Reach €8.0M ARR", type: "currency", start: 7_200_000, target: 8_000_000, unit: "€", final: 8_000_000, score: 1 },
    ],
  },
  {
    key: "Q2", team: "pe", owner: 2,
    title: "Cut the time a new customer waits to go live",
    why: "Time to go live was 45 days and the top reason for early churn.",
    wentWell: "The import tool removed most of the manual data work.",
    learned: "Integrations, not data, are now the long pole: they need their own objective.",
    krs: [
      { title: "Reduce time to go live from 45 to 21 days", direction: "decrease", start: 45, target: 21, unit: "days", final: 24, score: 0.8 },
      { title: "Ship the self-serve import tool", type: "yes_no", start: 0, target: 1, final: 1, score: 1 },
    ],
  },
  {
    key: "Q3", team: "people", owner: 11,
    title: "Hire the first mid-market sales team",
    why: "The mid-market plan needs a team in place by the start of the next quarter.",
    wentWell: "Referrals brought in our two strongest hires.",
    learned: "Our interview loop was too long for sales candidates: we lost three to faster offers.",
    krs: [{ title: "Hire 6 account executives", start: 0, target: 6, unit: "hires", final: 3, score: 0.5 }],
  },
];

export const NOTES = {
  on_track: [
    "Steady week; moving as planned.",
    "Ahead of plan after a strong week. Next: keep the cadence.",
    "On pace. The new weekly review with the team is paying off.",
    "Good progress; nothing blocking us right now.",
    "Landed what we planned. Next step: the rollout to the remaining accounts.",
  ],
  at_risk: [
    "Slower than planned: two people out this week. Blocker: waiting on the vendor's API keys.",
    "Behind pace. We need a decision on scope by Friday to stay on track.",
    "Some progress, but the dependency on Platform is slipping. Raised it in the leads' sync.",
    "Momentum dropped after the release freeze. Next: re-plan the last weeks with the team.",
  ],
  off_track: [
    "Off track: the approach is not working. Proposing a new plan at the next review.",
    "Blocked on data access for three weeks now. Escalated to the department head.",
    "No movement this week; the team was pulled onto an incident. Need help to re-prioritise.",
  ],
} as const;

/**
 * Key results that cannot succeed without another team's ("T8.1" depends on "PE2.1"): the late-stage deals are big
 * carriers who need the load test passed, and self-serve answers need ETAs customers can trust.
 */
export const DEPENDENCIES: [dependent: string, dependsOn: string][] = [
  ["T8.1", "PE2.1"],
  ["T12.1", "T5.1"],
  ["T7.2", "PE1.3"],
];

/** Objectives that also help another objective or key result, besides the one they are aligned beneath. */
export const SUPPORTS: [objective: string, supports: string][] = [
  ["T6", "GM1"],
  ["T3", "C2.3"],
];

export const COMMENTS: { objective: string; author: number; body: string; weeksAgo: number }[] = [
  { objective: "C1", author: 3, body: "Pipeline is healthy but late-stage deals keep slipping into next quarter. Worth discussing at the review.", weeksAgo: 2 },
  { objective: "C2", author: 6, body: "Guided setup beta is live for new trials from Monday.", weeksAgo: 3 },
  { objective: "T5", author: 2, body: "What would it take to get the ETA error below 30 minutes by the end of the quarter? Happy to move people over from T6.", weeksAgo: 1 },
  { objective: "T5", author: 7, body: "Two more engineers for four weeks, or a narrower scope (road freight only). I'd take the narrower scope.", weeksAgo: 1 },
  { objective: "GM2", author: 0, body: "Let's make sure the top 50 reviews include the product team, not only Customer Success.", weeksAgo: 4 },
];
