/** The work queues, in the order their tabs show. */
export const QUEUES = [
  { id: "mine", label: "My cases", title: "Cases you handle" },
  { id: "team", label: "My team", title: "Your team's cases" },
  { id: "directorate", label: "My directorate", title: "Your directorate's cases" },
  { id: "central", label: "Central team", title: "Every directorate's cases" },
] as const;
export type QueueId = (typeof QUEUES)[number]["id"];

