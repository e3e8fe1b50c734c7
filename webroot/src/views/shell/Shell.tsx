import { useHashRoute } from '../../hooks/useHashRoute';
import { AlertToasts } from '../alerts/AlertToasts';
import { AnalyticsView } from '../analytics/AnalyticsView';
import { BubbleView } from '../bubbles/BubbleView';
import { CardView } from '../cards/CardView';
import { RoomView } from '../room/RoomView';
import { ArchivedRoomView } from '../search/ArchivedRoomView';
import { SearchView } from '../search/SearchView';
import { RulesView } from '../rules/RulesView';
import { TopBar } from './TopBar';

export function Shell() {
  const route = useHashRoute();
  return (
    <div className="app">
      <TopBar route={route} />
      <main className="content" id="main">
        {route.name === 'bubbles' && <BubbleView />}
        {route.name === 'cards' && <CardView />}
        {route.name === 'room' && <RoomView key={route.room} room={route.room} line={route.line} />}
        {route.name === 'analytics' && <AnalyticsView />}
        {route.name === 'search' && <SearchView />}
        {route.name === 'archive' && <ArchivedRoomView key={route.callId} callId={route.callId} line={route.line} />}
        {route.name === 'rules' && <RulesView />}
      </main>
      <AlertToasts />
    </div>
  );
}
