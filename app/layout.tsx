import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { inter } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keel", template: "%s · Keel" },
  description: "Objectives and key results for organisations with many teams",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request so Next can put this response's CSP nonce (proxy.ts) on its scripts; a page
  // prerendered at build time would carry no nonce and its scripts would be refused.
  await connection();
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
