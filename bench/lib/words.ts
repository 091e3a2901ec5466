/** The vocabulary of the generated organisation. First names times last names give every person a unique name. */

export const FIRST_NAMES = [
  "Aaliyah", "Abdul", "Ada", "Adrian", "Aiko", "Alba", "Aleksander", "Amara", "Amir", "Ana", "Anders", "Anika",
  "Arjun", "Astrid", "Aurora", "Ayesha", "Beatriz", "Benedikt", "Bianca", "Bjorn", "Bruno", "Camille", "Carlos",
  "Chiara", "Chloe", "Cyrus", "Dalia", "Daniel", "Dev", "Diego", "Dmitri", "Elena", "Elif", "Emeka", "Emil",
  "Emma", "Esther", "Fatima", "Felix", "Fiona", "Freya", "Gabriel", "Grace", "Hana", "Hannah", "Hassan", "Helena",
  "Hugo", "Ibrahim", "Ida", "Ines", "Isaac", "Ivan", "Jakob", "Jana", "Javier", "Jin", "Joao", "Jonas", "Julia",
  "Kai", "Kamala", "Karim", "Katarina", "Kenji", "Kofi", "Lara", "Leila", "Leo", "Lina", "Lucas", "Luna", "Magnus",
  "Maja", "Malik", "Marta", "Mateo", "Maya", "Mei", "Mikael", "Mina", "Nadia", "Naveen", "Nia", "Nikolai", "Nora",
  "Olga", "Omar", "Oskar", "Paula", "Pedro", "Priya", "Rafael", "Rania", "Ravi", "Rosa", "Ruben", "Sara", "Sebastian",
  "Selin", "Sofia", "Tariq", "Thea", "Tomas", "Valentina", "Viktor", "Yara", "Yusuf", "Zara", "Zoe",
];

export const LAST_NAMES = [
  "Abe", "Adeyemi", "Ahmed", "Alvarez", "Andersson", "Bakker", "Banerjee", "Becker", "Bergstrom", "Bianchi", "Bose",
  "Carter", "Castro", "Chen", "Costa", "Dahl", "Dubois", "Eriksen", "Fischer", "Fonseca", "Garcia", "Gupta", "Haddad",
  "Hansen", "Hartmann", "Holm", "Hughes", "Ibrahim", "Ivanova", "Jansen", "Jensen", "Johansson", "Kaur", "Kim",
  "Kowalski", "Kruger", "Lambert", "Larsen", "Lee", "Lindqvist", "Lopez", "Lund", "Mahmoud", "Martin", "Mendes",
  "Meyer", "Moreau", "Morales", "Mukherjee", "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novak", "Okafor", "Olsen",
  "Ortiz", "Park", "Patel", "Petrov", "Pham", "Popescu", "Quinn", "Rahman", "Reyes", "Richter", "Rossi", "Russo",
  "Sato", "Schmidt", "Schneider", "Silva", "Singh", "Sorensen", "Suzuki", "Svensson", "Takahashi", "Tanaka",
  "Thompson", "Torres", "Van Dijk", "Vargas", "Virtanen", "Wagner", "Walker", "Wang", "Weber", "Wilson", "Wojcik",
  "Wong", "Yamamoto", "Yilmaz", "Young", "Zhang", "Zhou", "Ziegler", "Zimmermann", "Okonkwo", "Haugen", "Lehtinen",
];

export const TIME_ZONES = ["Europe/Stockholm", "Europe/Stockholm", "Europe/London", "Europe/Berlin", "America/New_York", "Asia/Singapore", "UTC"];

export const DEPARTMENTS = [
  "Engineering", "Product", "Sales", "Marketing", "Customer Success", "Operations", "Finance", "People", "Data",
  "Security", "Legal", "Design", "Partnerships", "Infrastructure", "Research",
];

/** Words that name groups, teams and squads: combined two by two they give over two thousand distinct names. */
export const TEAM_AREAS = [
  "Platform", "Payments", "Checkout", "Identity", "Search", "Billing", "Onboarding", "Mobile", "Web", "Growth",
  "Pricing", "Analytics", "Reliability", "Storage", "Messaging", "Notifications", "Integrations", "Compliance",
  "Enterprise", "Self-serve", "Partner", "Support", "Community", "Content", "Brand", "Events", "Recruiting",
  "Learning", "Procurement", "Tax", "Treasury", "Insights", "Experiments", "Accessibility", "Localisation",
  "Catalogue", "Logistics", "Fulfilment", "Routing", "Maps", "Trust", "Risk", "Fraud", "Ledger", "Reporting",
  "Forecasting", "Developer Tools", "Build", "Observability", "Networking",
];

export const TEAM_KINDS = ["Core", "North", "South", "East", "West", "Apollo", "Atlas", "Borealis", "Comet", "Delta", "Ember", "Falcon", "Glacier", "Harbor", "Ion", "Juniper", "Kestrel", "Lumen", "Meridian", "Nova", "Orbit", "Pioneer", "Quartz", "Raven", "Summit", "Tide", "Umbra", "Vega", "Willow", "Zephyr", "Alder", "Beacon", "Cedar", "Drift", "Echo", "Fjord", "Granite", "Helix", "Iris", "Jade", "Kite", "Lynx", "Maple", "Nimbus"];

export const OBJECTIVE_THEMES = [
  "Make onboarding effortless for mid-market customers",
  "Become the most reliable option in our category",
  "Win the enterprise segment in the Nordics",
  "Turn self-serve sign-ups into paying teams",
  "Cut the time from signed contract to go-live",
  "Build a team people want to join and stay in",
  "Ship a mobile experience customers love",
  "Make every release boring and safe",
  "Earn trust with transparent pricing",
  "Grow revenue from existing customers",
  "Make support answers fast and right the first time",
  "Open the partner channel in three new markets",
  "Know our customers through data, not guesses",
  "Lower the cost of serving each customer",
  "Make the product accessible to everyone",
  "Pass the security audit with no major findings",
  "Launch the new plan without disrupting existing customers",
  "Help customers see value in their first week",
  "Reduce churn among small teams",
  "Make our brand known where buyers look",
  "Close the books faster with fewer surprises",
  "Make hiring fast, fair and predictable",
  "Give engineers a build that takes minutes, not hours",
  "Make search find what people mean",
  "Protect customers from fraud without slowing them down",
  "Make integrations a reason to choose us",
  "Run events that fill the pipeline",
  "Make the data platform self-service",
  "Keep infrastructure costs flat while usage grows",
  "Turn product usage into sales conversations",
];

export const WHY_IT_MATTERS = [
  "Customers told us this is the reason they hesitate to buy.",
  "It is the biggest lever on revenue we found in last quarter's retrospective.",
  "Without it the company objective above cannot be reached this quarter.",
  "Our largest accounts renew next quarter and watch exactly this.",
  "It has been the top complaint in support tickets three months in a row.",
  "It frees the team to work on what customers pay for.",
  "Competitors closed this gap last year and we lost deals over it.",
  "We promised it to the board and to our customers.",
  "It keeps us honest about the cost of growth.",
  "People leave when this is missing; people stay when it works.",
];

export interface KeyResultTemplate {
  type: "number" | "percent" | "currency" | "milestone" | "yes_no";
  direction: "increase" | "decrease" | "keep_above" | "keep_below";
  metric: string;
  unit: string;
  /** Range of the start value, and of the target as a multiple of the start (or the threshold for keep_*). */
  start: [number, number];
  targetFactor: [number, number];
  decimals: number;
  /** Relative share among templates. */
  weight: number;
}

export const KEY_RESULT_TEMPLATES: KeyResultTemplate[] = [
  { type: "number", direction: "increase", metric: "weekly active accounts", unit: "accounts", start: [200, 5000], targetFactor: [1.2, 1.8], decimals: 0, weight: 8 },
  { type: "number", direction: "increase", metric: "qualified leads per month", unit: "leads", start: [40, 900], targetFactor: [1.3, 2.0], decimals: 0, weight: 6 },
  { type: "number", direction: "increase", metric: "teams using the new workflow", unit: "teams", start: [10, 400], targetFactor: [1.5, 3.0], decimals: 0, weight: 5 },
  { type: "number", direction: "increase", metric: "customer interviews held", unit: "interviews", start: [0, 0], targetFactor: [12, 40], decimals: 0, weight: 3 },
  { type: "number", direction: "increase", metric: "Net Promoter Score", unit: "points", start: [12, 45], targetFactor: [1.15, 1.5], decimals: 0, weight: 3 },
  { type: "number", direction: "decrease", metric: "median time to go-live", unit: "days", start: [20, 60], targetFactor: [0.5, 0.8], decimals: 0, weight: 4 },
  { type: "number", direction: "decrease", metric: "open support tickets older than a week", unit: "tickets", start: [80, 900], targetFactor: [0.3, 0.7], decimals: 0, weight: 4 },
  { type: "number", direction: "decrease", metric: "p95 page load time", unit: "ms", start: [900, 3200], targetFactor: [0.5, 0.8], decimals: 0, weight: 3 },
  { type: "number", direction: "decrease", metric: "build time", unit: "min", start: [12, 45], targetFactor: [0.4, 0.7], decimals: 1, weight: 2 },
  { type: "percent", direction: "increase", metric: "trial-to-paid conversion", unit: "%", start: [8, 30], targetFactor: [1.2, 1.6], decimals: 1, weight: 5 },
  { type: "percent", direction: "increase", metric: "first-contact resolution", unit: "%", start: [40, 70], targetFactor: [1.1, 1.3], decimals: 1, weight: 4 },
  { type: "percent", direction: "increase", metric: "test coverage of critical paths", unit: "%", start: [35, 70], targetFactor: [1.15, 1.35], decimals: 1, weight: 3 },
  { type: "percent", direction: "decrease", metric: "monthly logo churn", unit: "%", start: [2.5, 6], targetFactor: [0.5, 0.8], decimals: 2, weight: 3 },
  { type: "currency", direction: "increase", metric: "new annual recurring revenue", unit: "EUR", start: [0, 0], targetFactor: [200_000, 3_000_000], decimals: 0, weight: 5 },
  { type: "currency", direction: "increase", metric: "expansion revenue", unit: "EUR", start: [50_000, 800_000], targetFactor: [1.2, 1.6], decimals: 0, weight: 3 },
  { type: "currency", direction: "decrease", metric: "monthly cloud spend", unit: "EUR", start: [80_000, 600_000], targetFactor: [0.75, 0.92], decimals: 0, weight: 2 },
  { type: "milestone", direction: "increase", metric: "launch plan", unit: "", start: [0, 0], targetFactor: [3, 6], decimals: 0, weight: 5 },
  { type: "yes_no", direction: "increase", metric: "certification passed", unit: "", start: [0, 0], targetFactor: [1, 1], decimals: 0, weight: 3 },
  { type: "percent", direction: "keep_above", metric: "uptime", unit: "%", start: [99.9, 99.95], targetFactor: [99.9, 99.95], decimals: 2, weight: 3 },
  { type: "percent", direction: "keep_above", metric: "customer satisfaction", unit: "%", start: [85, 92], targetFactor: [85, 92], decimals: 1, weight: 2 },
  { type: "number", direction: "keep_below", metric: "critical incidents per month", unit: "incidents", start: [2, 5], targetFactor: [2, 5], decimals: 0, weight: 2 },
  { type: "number", direction: "keep_below", metric: "average first response time", unit: "min", start: [20, 60], targetFactor: [20, 60], decimals: 0, weight: 2 },
];

export const MILESTONE_NAMES = ["Scope agreed", "Design reviewed", "Beta with five customers", "Pricing approved", "Docs published", "General availability", "First renewal"];

export const NOTES: Record<"on_track" | "at_risk" | "off_track", string[]> = {
  on_track: [
    "Steady week, on plan.",
    "Shipped the last piece; numbers moving as expected.",
    "Ahead of plan thanks to the new onboarding flow.",
    "Good progress. Next: roll out to the second region.",
    "On track. Two customers asked for this by name.",
    "Moving well; no blockers.",
    "Pilot results came in better than expected.",
  ],
  at_risk: [
    "Slower than planned: waiting on the data team.",
    "Two people out this week; catching up next week.",
    "Blocked on a vendor contract; escalated.",
    "Numbers flat this week. Trying a new channel.",
    "At risk until the migration lands.",
    "Scope is bigger than we thought; splitting it.",
  ],
  off_track: [
    "Off track: the launch slipped by three weeks.",
    "We lost the main customer for this pilot.",
    "No movement; we need a decision on priorities.",
    "The approach is not working. Proposing a new target with a reason.",
    "Team moved to the incident response; paused.",
  ],
};

export const TARGET_CHANGE_REASONS = [
  "New SLA agreed with our largest customers",
  "The market turned out smaller than we assumed",
  "Ahead of plan after six weeks; raising the bar",
  "Half the team moved to the security work",
  "Finance revised the budget for the quarter",
  "The baseline was measured wrongly; corrected",
];

export const ABANDON_REASONS = [
  "The customer behind this cancelled the project.",
  "Superseded by the new company priority on reliability.",
  "We learned the problem is not worth solving this quarter.",
  "Merged into the platform team's objective.",
];

export const COMMENTS = [
  "Can we get the dashboard link into the description?",
  "Great progress this week, thanks for the clear update.",
  "Is this blocked on us? Happy to help with the review.",
  "Let's discuss the target at the next review.",
  "The customer call on Tuesday confirmed this matters.",
  "Nice. Could we share the learnings with the sales team?",
  "Which key result does the new pricing experiment move?",
  "I think the at-risk confidence is right; the vendor is late.",
];

export const RETRO_WENT_WELL = [
  "Weekly check-ins kept the whole team honest about progress.",
  "Pairing with sales early shortened every decision.",
  "We cut scope early instead of late.",
];

export const RETRO_LEARNED = [
  "Set targets after measuring the baseline, not before.",
  "Dependencies on other teams need an owner on both sides.",
  "Two objectives would have been enough; three spread us thin.",
];
