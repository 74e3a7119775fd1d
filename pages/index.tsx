// The home page: the ticketing dashboard is the application's front door.
import type { GetServerSideProps } from 'next';

export const getServerSideProps: GetServerSideProps = async () => ({ redirect: { destination: '/ticketing', permanent: false } });

export default function Home() {
  return null;
}
